/** The web console's own reads (see operations.ts for the rest it shares with the tools). */
import { graphql } from './generated/index.js';

/**
 * The console's gallery: a page of the caller's images, newest first, each with what a tile
 * shows before and after its thumbnail loads (ThumbHash, dominant colour) and the reason of a
 * REJECTED or FAILED one. Thumbnails are chosen among the stored variants, not rendered on
 * demand: a page of tiles then costs no renders (quota) and works whatever DELIVERY_SIZES allows.
 */
export const GalleryDocument = graphql(`
  query Gallery($first: Int, $after: String, $status: ImageStatus) {
    images(first: $first, after: $after, status: $status) {
      edges {
        cursor
        node {
          id
          status
          filename
          width
          height
          error
          errorCode
          createdAt
          placeholder
          dominantColor
          variants {
            width
            height
            url
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/**
 * The image page's "HTML" section: the responsive markup in each kind at once (aliases), with the
 * API's default alt and sizes. Null unless PROCESSED.
 */
export const ImageHtmlDocument = graphql(`
  query ImageHtml($id: ID!) {
    image(id: $id) {
      id
      status
      imgSrcset: html(kind: IMG_SRCSET)
      picture: html(kind: PICTURE)
      ampImg: html(kind: AMP_IMG)
    }
  }
`);

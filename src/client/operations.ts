import { graphql } from './generated/index.js';

/**
 * The operations the project's own tools send (the upload CLI, the load run, optimize-html).
 * `npm run codegen` turns each into a typed document in ./generated, so a change to the schema
 * that breaks one of them fails the type check instead of a user's run.
 */

export const CreateUploadDocument = graphql(`
  mutation CreateUpload($input: CreateUploadInput!) {
    createUpload(input: $input) {
      imageId
      url
      fields {
        name
        value
      }
      expiresAt
      maxBytes
    }
  }
`);

export const ImageStatusDocument = graphql(`
  query ImageStatus($id: ID!) {
    imageStatus(id: $id) {
      id
      status
      error
      errorCode
    }
  }
`);

export const ImageResultDocument = graphql(`
  query ImageResult($id: ID!) {
    image(id: $id) {
      id
      status
      filename
      width
      height
      format
      bytes
      error
      errorCode
      timings {
        totalMs
      }
      variants {
        name
        format
        width
        height
        bytes
        url
      }
    }
  }
`);

export const MyMetricsDocument = graphql(`
  query MyMetrics {
    metrics {
      total
      processed
      rejected
      failed
    }
  }
`);

/**
 * optimize-html: the responsive markup for one `<img>` (its own alt and sizes) and the variants
 * it may reference, so the tool can download exactly those and point the markup at the copies.
 */
export const ImageMarkupDocument = graphql(`
  query ImageMarkup($id: ID!, $kind: HtmlKind, $sizes: String, $alt: String) {
    image(id: $id) {
      id
      status
      error
      html(kind: $kind, sizes: $sizes, alt: $alt)
      variants {
        name
        format
        width
        height
        url
      }
    }
  }
`);

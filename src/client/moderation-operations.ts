/** The review queue's operations, for the admin group (see operations.ts for the rest). */
import { graphql } from './generated/index.js';

/**
 * The web console's review queue (and the tests), for the admin group: every owner's images held
 * for review, oldest first, each with a short-lived look at one of its held variants, and the
 * image it nearly duplicates with its variants (an admin cannot open another owner's image page).
 */
export const ModerationQueueDocument = graphql(`
  query ModerationQueue($first: Int, $after: String) {
    moderationQueue(first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          status
          filename
          width
          height
          createdAt
          reviewUrl
          review {
            reason
            since
            reminders
          }
          moderation {
            labels {
              name
              parent
              confidence
            }
          }
          duplicateOf {
            id
            filename
            variants {
              name
              format
              width
              url
            }
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

/** The web console's "approve" action in the review queue (and the tests). */
export const ApproveImageDocument = graphql(`
  mutation ApproveImage($id: ID!) {
    approveImage(id: $id) {
      id
      status
      review {
        decision
        by
        at
      }
    }
  }
`);

/** The web console's "reject" action in the review queue (and the tests). */
export const RejectImageDocument = graphql(`
  mutation RejectImage($id: ID!, $reason: String!) {
    rejectImage(id: $id, reason: $reason) {
      id
      status
      error
      errorCode
      review {
        decision
        by
        at
        note
      }
    }
  }
`);

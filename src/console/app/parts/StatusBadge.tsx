import type { ImageStatus } from '../../../client/generated/graphql.js';

/** Every status, in the order an image goes through them (Record: none can be forgotten). */
export const STATUS_LABELS: Record<ImageStatus, string> = {
  PENDING_UPLOAD: 'Waiting for upload',
  PROCESSING: 'Processing',
  PROCESSED: 'Processed',
  IN_REVIEW: 'In review',
  REJECTED: 'Rejected',
  FAILED: 'Failed',
};

/** Statuses after which nothing changes unless a person acts (review, reprocess). */
export const TERMINAL: ReadonlySet<ImageStatus> = new Set([
  'PROCESSED',
  'IN_REVIEW',
  'REJECTED',
  'FAILED',
]);

/** The status as a coloured badge; the text carries the status itself (not only the colour). */
export function StatusBadge({ status }: { status: ImageStatus }) {
  return (
    <span className={`badge badge-${status.toLowerCase()}`} data-status={status}>
      {STATUS_LABELS[status]}
    </span>
  );
}

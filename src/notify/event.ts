import type { ModerationDecision } from '../model/analysis.js';
import type { ImageRecord, ReviewRecord, TerminalStatus } from '../model/image.js';

export type ImageEventType =
  | 'image.processed'
  | 'image.in_review'
  | 'image.rejected'
  | 'image.failed'
  | 'image.review_reminder';

/**
 * The message announced when an image reaches a terminal state, when a person decides on one
 * held for review (`review.decision` set), and as a reminder while one waits. Versioned:
 * consumers should check `version` and ignore fields and event types they do not know.
 */
export interface ImageEvent {
  version: 1;
  eventType: ImageEventType;
  imageId: string;
  owner: string;
  status: TerminalStatus;
  filename: string;
  /** Why the image was rejected or failed. */
  reason: string | null;
  width: number | null;
  height: number | null;
  format: string | null;
  /** `name.format` of each variant, e.g. `thumb.webp`. */
  variants: string[];
  faces: number;
  /** The moderation gate's decision. */
  moderation: ModerationDecision | null;
  /** Why the image was held for review, and the person's decision once made. */
  review: ReviewRecord | null;
  /** The owner's image this one nearly duplicates. */
  duplicateOf: string | null;
  timings: ImageRecord['timings'] | null;
  occurredAt: string;
}

export const EVENT_TYPE: Record<TerminalStatus, ImageEventType> = {
  PROCESSED: 'image.processed',
  IN_REVIEW: 'image.in_review',
  REJECTED: 'image.rejected',
  FAILED: 'image.failed',
};

/** The event for the image as it is now: its status's, or a reminder while it waits for review. */
export function imageEvent(
  record: ImageRecord,
  occurredAt: Date,
  options: { reminder?: boolean } = {},
): ImageEvent {
  const status = record.status as TerminalStatus;
  return {
    version: 1,
    eventType: options.reminder ? 'image.review_reminder' : EVENT_TYPE[status],
    imageId: record.id,
    owner: record.owner,
    status,
    filename: record.filename,
    reason: record.error ?? null,
    width: record.width ?? null,
    height: record.height ?? null,
    format: record.format ?? null,
    variants: record.variants.map((v) => `${v.name}.${v.format}`),
    faces: record.faces?.length ?? 0,
    moderation: record.moderation?.decision ?? null,
    review: record.review ?? null,
    duplicateOf: record.duplicateOf ?? null,
    timings: record.timings ?? null,
    occurredAt: occurredAt.toISOString(),
  };
}

/** One line a person reads first (email body, SMS, logs). */
export function humanLine(event: ImageEvent): string {
  const name = printable(event.filename, 60);
  const by = event.review?.by ? ` by ${printable(event.review.by, 60)}` : '';
  if (event.eventType === 'image.review_reminder') {
    return `${name} is still waiting for review (since ${event.review?.since ?? 'unknown'}): ${event.review?.reason ?? ''}.`;
  }
  switch (event.status) {
    case 'PROCESSED':
      if (event.review?.decision === 'APPROVED') {
        return `${name} was approved in review${by}: ${event.width}×${event.height} ${event.format}, ${event.variants.length} variants.`;
      }
      return `${name} is ready: ${event.width}×${event.height} ${event.format}, ${event.variants.length} variants${event.faces ? `, ${event.faces} face${event.faces > 1 ? 's' : ''}` : ''}.`;
    case 'IN_REVIEW':
      return `${name} is waiting for review: ${event.review?.reason ?? 'moderation'}.`;
    case 'REJECTED':
      return `${name} was rejected${event.review?.decision === 'REJECTED' ? ` in review${by}` : ''}: ${event.reason ?? 'moderation'}.`;
    case 'FAILED':
      return `${name} could not be processed: ${event.reason ?? 'unknown error'}.`;
  }
}

/** SNS subjects must be printable ASCII without line breaks, at most 100 characters. */
export function subjectLine(event: ImageEvent): string {
  const verb =
    event.eventType === 'image.review_reminder'
      ? 'still in review'
      : {
          PROCESSED: event.review?.decision === 'APPROVED' ? 'approved' : 'processed',
          IN_REVIEW: 'needs review',
          REJECTED: 'rejected',
          FAILED: 'failed',
        }[event.status];
  return `Darkroom: ${printable(event.filename, 60)} ${verb}`.slice(0, 100);
}

function printable(text: string, max: number): string {
  const clean = text.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > max ? `${clean.slice(0, max - 1)}~` : clean;
}

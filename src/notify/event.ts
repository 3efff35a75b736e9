import type { ImageRecord, TerminalStatus } from '../model/image.js';

/**
 * The message announced when an image reaches a terminal state. Versioned: consumers should check
 * `version` and ignore fields they do not know.
 */
export interface ImageEvent {
  version: 1;
  eventType: 'image.processed' | 'image.rejected' | 'image.failed';
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
  moderation: 'ALLOWED' | 'REJECTED' | null;
  timings: ImageRecord['timings'] | null;
  occurredAt: string;
}

export const EVENT_TYPE: Record<TerminalStatus, ImageEvent['eventType']> = {
  PROCESSED: 'image.processed',
  REJECTED: 'image.rejected',
  FAILED: 'image.failed',
};

export function imageEvent(record: ImageRecord, occurredAt: Date): ImageEvent {
  const status = record.status as TerminalStatus;
  return {
    version: 1,
    eventType: EVENT_TYPE[status],
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
    timings: record.timings ?? null,
    occurredAt: occurredAt.toISOString(),
  };
}

/** One line a person reads first (email body, SMS, logs). */
export function humanLine(event: ImageEvent): string {
  const name = printable(event.filename, 60);
  switch (event.status) {
    case 'PROCESSED':
      return `${name} is ready: ${event.width}×${event.height} ${event.format}, ${event.variants.length} variants${event.faces ? `, ${event.faces} face${event.faces > 1 ? 's' : ''}` : ''}.`;
    case 'REJECTED':
      return `${name} was rejected: ${event.reason ?? 'moderation'}.`;
    case 'FAILED':
      return `${name} could not be processed: ${event.reason ?? 'unknown error'}.`;
  }
}

/** SNS subjects must be printable ASCII without line breaks, at most 100 characters. */
export function subjectLine(event: ImageEvent): string {
  const verb = { PROCESSED: 'processed', REJECTED: 'rejected', FAILED: 'failed' }[event.status];
  return `Darkroom: ${printable(event.filename, 60)} ${verb}`.slice(0, 100);
}

function printable(text: string, max: number): string {
  const clean = text.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > max ? `${clean.slice(0, max - 1)}~` : clean;
}

import type { ImageEvent } from './event.js';

/**
 * Announces finished images. SNS in the cloud; on the embedded default a notifier that logs and can
 * POST to a webhook. Implementations retry transient failures themselves and throw only when the
 * message could not be delivered at all.
 */
export interface Notifier {
  readonly name: string;
  publish(event: ImageEvent): Promise<void>;
}

/** A message for people (the daily report): a subject and a body of plain text. */
export interface Announcement {
  subject: string;
  text: string;
  attributes: Record<string, string>;
}

export interface AnnouncementNotifier extends Notifier {
  announce(message: Announcement): Promise<void>;
}

import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { ProcessorConfig } from '../config/processor.js';
import type { ProcessorServices } from './services.js';

/** Reminders one sweep writes at most; the rest are still due at the next sweep. */
export const REMINDER_BATCH = 100;

/** When the next reminder is due for an image held (or last reminded) at `at`. */
export const reminderDue = (config: Pick<ProcessorConfig, 'REVIEW_REMINDER_HOURS'>, at: Date) =>
  new Date(at.getTime() + config.REVIEW_REMINDER_HOURS * 3600_000);

/**
 * Part of the scheduled sweep: every image IN_REVIEW for longer than REVIEW_REMINDER_HOURS since
 * it was held (or last reminded) gets one more reminder, so nothing waits for a person unseen.
 * Writing the reminder is all this does; the events function announces it from the stream,
 * once. Returns how many were written.
 */
export async function remindOverdueReviews(
  services: ProcessorServices,
  now = services.now?.() ?? new Date(),
): Promise<number> {
  const ids = await services.reviews.due(now, REMINDER_BATCH);
  const next = reminderDue(services.config, now);
  let written = 0;
  for (const id of ids) if (await services.reviews.remind(id, now, next)) written++;
  if (written > 0) {
    services.logger.info('reminded of images waiting for review', { count: written });
    services.telemetry?.addMetric('ReviewReminders', MetricUnit.Count, written);
  }
  return written;
}

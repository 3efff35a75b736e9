import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { TerminalStatus } from '../model/image.js';
import { imageEvent } from '../notify/event.js';
import type { EventsServices } from './services.js';
import type { ImageTransition } from './transitions.js';

/** CloudWatch metric names (ImagesProcessed, …), kept as they were before review existed. */
const TELEMETRY_NAME: Record<TerminalStatus, string> = {
  PROCESSED: 'Processed',
  IN_REVIEW: 'InReview',
  REJECTED: 'Rejected',
  FAILED: 'Failed',
};

/**
 * Counts a transition (the metrics and the owner's stored bytes), then announces it if it
 * finished an image: counted exactly once (the transaction's mark), announced after counting and
 * once per transition (the mark records the announcement). Throws when either could not be done,
 * so the record is delivered again; a redelivery does only what is still missing.
 */
export async function countAndAnnounce(
  services: EventsServices,
  transition: ImageTransition,
): Promise<'counted' | 'already'> {
  const { metrics, quotas, telemetry } = services;
  const delta = transition.storedBytesDelta;
  const outcome = await metrics.count({
    ...transition,
    // In the counting transaction: a redelivered record changes the owner's bytes no more than
    // it changes the metrics.
    ...(delta !== 0 ? { also: [quotas.storedBytesChange(transition.owner, delta)] } : {}),
  });
  const image = transition.finished;
  if (outcome === 'counted' && image && transition.review === 'decided') {
    telemetry?.addMetric(
      image.status === 'PROCESSED' ? 'ReviewsApproved' : 'ReviewsRejected',
      MetricUnit.Count,
      1,
    );
  } else if (outcome === 'counted' && image && !transition.review) {
    const status = image.status as TerminalStatus;
    telemetry?.addMetric(`Images${TELEMETRY_NAME[status]}`, MetricUnit.Count, 1);
    if (image.timings?.totalMs !== undefined) {
      telemetry?.addMetric('ProcessingTime', MetricUnit.Milliseconds, image.timings.totalMs);
    }
    telemetry?.addMetric('BytesIn', MetricUnit.Bytes, image.bytes ?? 0);
    telemetry?.addMetric(
      'BytesOut',
      MetricUnit.Bytes,
      image.variants.reduce((sum, v) => sum + v.bytes, 0),
    );
  }
  if (!image || !services.notifier) return outcome;
  // Read even after 'counted': a token-matched retry of an earlier, announced delivery also
  // answers as counted.
  const mark = await metrics.mark(transition.imageId, transition.name);
  if (mark?.announcedAt) return outcome;
  try {
    await services.notifier.publish(
      imageEvent(image, transition.at, { reminder: transition.review === 'reminder' }),
    );
  } catch (error) {
    telemetry?.addMetric('NotificationFailures', MetricUnit.Count, 1);
    throw error;
  }
  await metrics.markAnnounced(transition.imageId, transition.name, services.now());
  return outcome;
}

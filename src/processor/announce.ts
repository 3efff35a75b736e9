import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { ImageRecord, TerminalStatus } from '../model/image.js';
import { imageEvent } from '../notify/event.js';
import type { ProcessorServices } from './services.js';

/**
 * Counts and announces a finished image. Its record is already final, so a failure here is
 * logged and counted, never allowed to change or lose the result.
 */
export async function announce(
  services: ProcessorServices,
  image: ImageRecord,
  at: Date,
): Promise<void> {
  const { logger, telemetry } = services;
  const status = image.status as TerminalStatus;
  const variantBytes = Object.fromEntries(
    image.variants.map((v) => [`${v.name}.${v.format}`, v.bytes]),
  );
  const bytesOut = image.variants.reduce((sum, v) => sum + v.bytes, 0);
  telemetry?.addMetric(`Images${status[0]}${status.slice(1).toLowerCase()}`, MetricUnit.Count, 1);
  if (image.timings?.totalMs !== undefined) {
    telemetry?.addMetric('ProcessingTime', MetricUnit.Milliseconds, image.timings.totalMs);
  }
  telemetry?.addMetric('BytesIn', MetricUnit.Bytes, image.bytes ?? 0);
  telemetry?.addMetric('BytesOut', MetricUnit.Bytes, bytesOut);
  try {
    await services.metrics.recordFinished(image.owner, at, {
      status,
      bytesIn: image.bytes ?? 0,
      variantBytes,
      faces: image.faces?.length ?? 0,
      processingMs: image.timings?.totalMs,
      reason: image.errorCode,
      reprocess: (image.generation ?? 0) > 0,
    });
  } catch (error) {
    logger.error('metrics update failed', { imageId: image.id, error: error as Error });
  }
  try {
    await services.notifier?.publish(imageEvent(image, at));
  } catch (error) {
    telemetry?.addMetric('NotificationFailures', MetricUnit.Count, 1);
    logger.error('notification failed', { imageId: image.id, error: error as Error });
  }
}

import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { originalKey } from '../model/keys.js';
import { processUpload, type ProcessOutcome, type ProcessorServices } from './process-upload.js';

/** The scheduled event that asks the processor to sweep instead of processing an upload. */
export const SWEEP_EVENT = { sweep: true } as const;
export type SweepEvent = typeof SWEEP_EVENT;

export const isSweepEvent = (event: unknown): event is SweepEvent =>
  typeof event === 'object' && event !== null && (event as { sweep?: unknown }).sweep === true;

/**
 * Finishes images whose worker vanished: a claim whose lease ran out (killed mid-image) or was
 * released after a passing fault. Each is processed again through the normal path, so the claim
 * decides who does the work and nothing is counted twice; MAX_ATTEMPTS bounds the retries.
 */
export async function sweepExpiredClaims(
  services: ProcessorServices,
  now = new Date(),
): Promise<ProcessOutcome[]> {
  const ids = await services.images.expiredClaims(now);
  if (ids.length > 0) {
    services.logger.warn('recovering images whose claim expired', { count: ids.length, ids });
    services.telemetry?.addMetric('ClaimsRecovered', MetricUnit.Count, ids.length);
  }
  const settled = await Promise.allSettled(
    ids.map(async (id) => {
      const key = originalKey(id);
      const head = await services.s3
        .send(new HeadObjectCommand({ Bucket: services.config.ORIGINALS_BUCKET, Key: key }))
        .catch(() => undefined);
      return processUpload(services, {
        bucket: services.config.ORIGINALS_BUCKET,
        key,
        size: head?.ContentLength ?? 0,
      });
    }),
  );
  return settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
}

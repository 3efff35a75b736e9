import { HeadObjectCommand, NotFound } from '@aws-sdk/client-s3';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import pLimit from 'p-limit';
import { originalKey } from '../model/keys.js';
import { httpStatusOf } from '../storage/transient.js';
import { processUpload, type ProcessOutcome } from './process-upload.js';
import type { ProcessorServices } from './services.js';

/** The scheduled event that asks the processor to sweep instead of processing an upload. */
export const SWEEP_EVENT = { sweep: true } as const;
export type SweepEvent = typeof SWEEP_EVENT;

export const isSweepEvent = (event: unknown): event is SweepEvent =>
  typeof event === 'object' && event !== null && (event as { sweep?: unknown }).sweep === true;

/**
 * Finishes images whose worker vanished: a claim whose lease ran out (killed mid-image) or was
 * released after a passing fault, and an upload that arrived but whose every delivery failed
 * before claiming it. Each is processed again through the normal path, so the claim decides who
 * does the work and nothing is counted twice; MAX_ATTEMPTS bounds the retries (an image whose every
 * attempt was cut short ends FAILED). SWEEP_BATCH_SIZE images at most, SWEEP_CONCURRENCY at a
 * time, so one sweep's memory and time stay bounded whatever piled up. A ticket whose
 * upload never arrived is dropped from the index and left to expire: there is nothing to finish.
 */
export async function sweepExpiredClaims(
  services: ProcessorServices,
  now = services.now?.() ?? new Date(),
): Promise<ProcessOutcome[]> {
  const { SWEEP_BATCH_SIZE, SWEEP_CONCURRENCY } = services.config;
  const ids = await services.claims.expiredClaims(now, SWEEP_BATCH_SIZE);
  const limit = pLimit(SWEEP_CONCURRENCY);
  const settled = await Promise.allSettled(ids.map((id) => limit(() => sweepOne(services, id))));
  const outcomes = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const recovered = outcomes.filter((o) => o.outcome === 'finished').length;
  if (recovered > 0) {
    services.logger.warn('recovered images whose processing had stalled', { count: recovered });
    services.telemetry?.addMetric('ClaimsRecovered', MetricUnit.Count, recovered);
  }
  const failed = settled.filter((s) => s.status === 'rejected').length;
  if (failed > 0) services.logger.warn('sweep left images for the next round', { count: failed });
  return outcomes;
}

async function sweepOne(services: ProcessorServices, id: string): Promise<ProcessOutcome> {
  const bucket = services.config.ORIGINALS_BUCKET;
  const key = originalKey(id);
  let size: number;
  try {
    const head = await services.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    size = head.ContentLength ?? 0;
  } catch (error) {
    // Any other error (a passing fault) leaves the image for the next sweep.
    if (!isMissing(error)) throw error;
    if (await services.claims.abandon(id)) {
      return { outcome: 'skipped', imageId: id, reason: 'upload never arrived' };
    }
    size = 0; // claimed, yet the original is gone: processing records why it failed
  }
  return processUpload(services, { bucket, key, size });
}

/** HEAD answers a bare 404: the SDK names it NotFound. */
const isMissing = (error: unknown) => error instanceof NotFound || httpStatusOf(error) === 404;

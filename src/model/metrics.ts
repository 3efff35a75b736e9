import type { FailureCode } from './failure.js';

/**
 * Metrics as counters that only ever grow by atomic ADDs, and the arithmetic over them. The same
 * shape is kept per UTC day and in total, per owner and for everyone.
 */

/** Upper bounds (ms) of the processing-time histogram buckets; a last bucket holds the rest. */
export const LATENCY_BUCKETS_MS = [50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000, 60_000];

export interface Counters {
  /** Upload tickets issued. */
  uploads: number;
  /**
   * Processing runs by outcome. A reprocessed image adds a run (and its bytes, faces and time)
   * without adding an upload, so these may add up to more than `uploads`.
   */
  processed: number;
  rejected: number;
  failed: number;
  /** Runs started by reprocessImage; each is also in processed, rejected or failed. */
  reprocessed: number;
  /** Runs that ended IN_REVIEW (held for a person); each is later approved, rejected or withdrawn. */
  inReview: number;
  /** Held images a person approved (also counted in processed). */
  approved: number;
  /** Held images a person rejected (also counted in rejected). */
  reviewRejected: number;
  /** Held images deleted before anyone decided. */
  reviewWithdrawn: number;
  /** Bytes of every original that reached a terminal state. */
  bytesIn: number;
  /** Bytes of the originals that were processed: the base of the compression ratio. */
  bytesInProcessed: number;
  bytesOut: number;
  facesDetected: number;
  processingMsSum: number;
  processingCount: number;
  /** Counts per LATENCY_BUCKETS_MS bucket, plus one for slower images. */
  latency: number[];
  /** Bytes written per `name.format` variant. */
  variantBytes: Record<string, number>;
  /** Rejections and failures by code. */
  reasons: Partial<Record<FailureCode, number>>;
}

export const emptyCounters = (): Counters => ({
  uploads: 0,
  processed: 0,
  rejected: 0,
  failed: 0,
  reprocessed: 0,
  inReview: 0,
  approved: 0,
  reviewRejected: 0,
  reviewWithdrawn: 0,
  bytesIn: 0,
  bytesInProcessed: 0,
  bytesOut: 0,
  facesDetected: 0,
  processingMsSum: 0,
  processingCount: 0,
  latency: LATENCY_BUCKETS_MS.map(() => 0).concat(0),
  variantBytes: {},
  reasons: {},
});

export const latencyBucket = (ms: number): number => {
  const index = LATENCY_BUCKETS_MS.findIndex((edge) => ms <= edge);
  return index === -1 ? LATENCY_BUCKETS_MS.length : index;
};

export function addCounters(a: Counters, b: Counters): Counters {
  const sumMaps = <K extends string>(
    x: Partial<Record<K, number>>,
    y: Partial<Record<K, number>>,
  ) => {
    const out: Partial<Record<K, number>> = { ...x };
    for (const [key, value] of Object.entries(y) as [K, number][])
      out[key] = (out[key] ?? 0) + value;
    return out;
  };
  return {
    uploads: a.uploads + b.uploads,
    processed: a.processed + b.processed,
    rejected: a.rejected + b.rejected,
    failed: a.failed + b.failed,
    reprocessed: a.reprocessed + b.reprocessed,
    inReview: a.inReview + b.inReview,
    approved: a.approved + b.approved,
    reviewRejected: a.reviewRejected + b.reviewRejected,
    reviewWithdrawn: a.reviewWithdrawn + b.reviewWithdrawn,
    bytesIn: a.bytesIn + b.bytesIn,
    bytesInProcessed: a.bytesInProcessed + b.bytesInProcessed,
    bytesOut: a.bytesOut + b.bytesOut,
    facesDetected: a.facesDetected + b.facesDetected,
    processingMsSum: a.processingMsSum + b.processingMsSum,
    processingCount: a.processingCount + b.processingCount,
    latency: a.latency.map((count, i) => count + (b.latency[i] ?? 0)),
    variantBytes: sumMaps(a.variantBytes, b.variantBytes) as Record<string, number>,
    reasons: sumMaps(a.reasons, b.reasons),
  };
}

/**
 * Estimates the p-th percentile (0..1) of processing time from the histogram, interpolating
 * linearly inside the bucket that holds it. Exact to within that bucket's bounds; null with no data.
 */
export function estimatePercentile(latency: number[], p: number): number | null {
  const total = latency.reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  const rank = p * total;
  let below = 0;
  for (let i = 0; i < latency.length; i++) {
    const count = latency[i]!;
    if (count > 0 && below + count >= rank) {
      const lower = i === 0 ? 0 : LATENCY_BUCKETS_MS[i - 1]!;
      const upper = LATENCY_BUCKETS_MS[i];
      // The open-ended last bucket has no upper bound: report its lower edge.
      if (upper === undefined) return lower;
      return Math.round(lower + ((rank - below) / count) * (upper - lower));
    }
    below += count;
  }
  return LATENCY_BUCKETS_MS.at(-1)!;
}

export interface Summary {
  finished: number;
  bytesSaved: number;
  compressionRatio: number | null;
  rejectionRate: number | null;
  averageProcessingMs: number | null;
  p50ProcessingMs: number | null;
  p95ProcessingMs: number | null;
}

/**
 * Held for review and not yet decided: held, less approved, rejected and withdrawn. Meaningful
 * over all time only, as a decision may fall on a later day than its hold.
 */
export const awaitingReview = (c: Counters): number =>
  Math.max(0, c.inReview - c.approved - c.reviewRejected - c.reviewWithdrawn);

export function summarize(c: Counters): Summary {
  const finished = c.processed + c.rejected + c.failed;
  return {
    finished,
    bytesSaved: c.bytesInProcessed - c.bytesOut,
    compressionRatio: c.bytesInProcessed > 0 ? c.bytesOut / c.bytesInProcessed : null,
    rejectionRate: finished > 0 ? c.rejected / finished : null,
    averageProcessingMs: c.processingCount > 0 ? c.processingMsSum / c.processingCount : null,
    p50ProcessingMs: estimatePercentile(c.latency, 0.5),
    p95ProcessingMs: estimatePercentile(c.latency, 0.95),
  };
}

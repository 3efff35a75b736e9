import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import sharp from 'sharp';
import { createDarkroomClient, postUpload, type DarkroomClient } from '../../src/client/client.js';
import {
  CreateUploadDocument,
  ImageResultDocument,
  ImageStatusDocument,
  MyMetricsDocument,
} from '../../src/client/operations.js';

/**
 * The load run behind `npm run load`: uploads generated images through the public API at a given
 * concurrency, waits for each to reach a terminal state, and accounts for every one of them.
 */

export interface LoadOptions {
  url: string;
  images: number;
  concurrency: number;
  /** Each image must reach a terminal state within this. */
  timeoutMs: number;
  /** Owner to act as (dev auth); a fresh one keeps the metrics comparison exact. */
  user: string;
  /** Every n-th upload is random bytes declared as JPEG (ends FAILED): failures in the truth. */
  corruptEvery?: number;
  /** Thumbnail-sized photos (64–160 px): the run then measures the pipeline, not the encoders. */
  small?: boolean;
  onProgress?: (done: number, total: number) => void;
}

/** What the metrics should say: counted from each image's own record, by the load run. */
export interface MetricsTruth {
  total: number;
  processed: number;
  rejected: number;
  failed: number;
  bytesIn: number;
  bytesOut: number;
}

export interface LoadReport {
  uploaded: number;
  refused: number;
  terminal: Record<'PROCESSED' | 'REJECTED' | 'FAILED', number>;
  /** Uploaded but not terminal within the timeout. Must be 0. */
  lost: number;
  /** What the metrics query answered, once the counting had caught up (or stopped changing). */
  metrics: MetricsTruth;
  /** The same figures from every image's record: `metrics` must equal this exactly. */
  truth: MetricsTruth;
  /** Every uploaded image, for a caller that wants to look again (say after a sweep). */
  imageIds: string[];
  seconds: number;
  imagesPerSecond: number;
  latencyMs: { p50: number; p95: number; max: number };
}

const TERMINAL = new Set(['PROCESSED', 'REJECTED', 'FAILED']);

/** A varied test photo: random size and colours, with noise so encoders have work to do. */
async function generateImage(i: number, small = false): Promise<Buffer> {
  const width = small ? 64 + (i % 7) * 16 : 320 + (i % 7) * 160;
  const height = small ? 48 + (i % 5) * 12 : 240 + (i % 5) * 120;
  const noise = randomBytes(Math.ceil(width / 8) * Math.ceil(height / 8) * 3);
  return sharp(noise, {
    raw: { width: Math.ceil(width / 8), height: Math.ceil(height / 8), channels: 3 },
  })
    .resize(width, height, { kernel: 'cubic' })
    .jpeg({ quality: 85 })
    .toBuffer();
}

const quantile = (sorted: number[], p: number) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;

export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const client = createDarkroomClient({
    url: options.url,
    authorization: `Bearer dev:${options.user}`,
  });

  const started = performance.now();
  const latencies: number[] = [];
  const terminal = { PROCESSED: 0, REJECTED: 0, FAILED: 0 };
  let uploaded = 0;
  let refused = 0;
  let lost = 0;
  let done = 0;
  let next = 0;

  const ids: string[] = [];
  const one = async (i: number) => {
    const corrupt = options.corruptEvery !== undefined && i % options.corruptEvery === 0;
    const bytes = corrupt ? randomBytes(2000 + i) : await generateImage(i, options.small);
    const { createUpload: ticket } = await client.request(CreateUploadDocument, {
      input: { filename: `load-${i}.jpg`, contentType: 'image/jpeg', bytes: bytes.length },
    });
    try {
      await postUpload(ticket, new Blob([new Uint8Array(bytes)]));
    } catch {
      refused++;
      return;
    }
    uploaded++;
    ids.push(ticket.imageId);
    const uploadedAt = performance.now();
    let polls = 0;
    for (;;) {
      const { imageStatus } = await client.request(ImageStatusDocument, { id: ticket.imageId });
      const status = imageStatus?.status;
      if (status && TERMINAL.has(status)) {
        terminal[status as keyof typeof terminal]++;
        latencies.push(performance.now() - uploadedAt);
        return;
      }
      if (performance.now() - uploadedAt > options.timeoutMs) {
        lost++;
        return;
      }
      // Polled quickly at first, then less often: 50 clients asking 10 times a second would
      // make the API, on the same cores, the load.
      await new Promise((r) => setTimeout(r, Math.min(1000, 100 * 1.25 ** polls++)));
    }
  };

  const worker = async () => {
    while (next < options.images) {
      const i = next++;
      await one(i);
      options.onProgress?.(++done, options.images);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, options.images) }, worker));

  const seconds = (performance.now() - started) / 1000;

  const truth = await measureTruth(client, ids, options.images);
  // Counting follows the records through the table's stream: give it a moment to catch up,
  // until the figures equal the truth or stop changing for two seconds.
  let metrics = (await client.request(MyMetricsDocument)).metrics;
  for (let same = 0, waited = 0; waited < 60_000 && same < 2_000;) {
    if (isDeepStrictEqual(metrics, truth)) break;
    await new Promise((r) => setTimeout(r, 250));
    waited += 250;
    const next = (await client.request(MyMetricsDocument)).metrics;
    same = isDeepStrictEqual(next, metrics) ? same + 250 : 0;
    metrics = next;
  }
  const sorted = latencies.sort((a, b) => a - b);
  return {
    uploaded,
    refused,
    terminal,
    lost,
    metrics,
    truth,
    imageIds: ids,
    seconds,
    imagesPerSecond: uploaded / seconds,
    latencyMs: {
      p50: Math.round(quantile(sorted, 0.5)),
      p95: Math.round(quantile(sorted, 0.95)),
      max: Math.round(sorted.at(-1) ?? 0),
    },
  };
}

/**
 * What the metrics should say, from the records themselves: tickets issued (`tickets`), the
 * outcome of every image in `ids` that is terminal, the bytes in and out.
 */
export async function measureTruth(
  client: DarkroomClient,
  ids: string[],
  tickets: number,
): Promise<MetricsTruth> {
  const truth: MetricsTruth = {
    total: tickets,
    processed: 0,
    rejected: 0,
    failed: 0,
    bytesIn: 0,
    bytesOut: 0,
  };
  for (let i = 0; i < ids.length; i += 50) {
    const images = await Promise.all(
      ids.slice(i, i + 50).map((id) => client.request(ImageResultDocument, { id })),
    );
    for (const { image } of images) {
      if (!image || !TERMINAL.has(image.status)) continue;
      truth[image.status.toLowerCase() as 'processed' | 'rejected' | 'failed']++;
      truth.bytesIn += image.bytes ?? 0;
      truth.bytesOut += image.variants.reduce((sum, v) => sum + v.bytes, 0);
    }
  }
  return truth;
}

export function formatReport(r: LoadReport): string {
  const finished = r.terminal.PROCESSED + r.terminal.REJECTED + r.terminal.FAILED;
  return [
    `uploaded            ${r.uploaded}${r.refused ? ` (${r.refused} refused at upload)` : ''}`,
    `terminal            ${finished}: ${r.terminal.PROCESSED} processed, ${r.terminal.REJECTED} rejected, ${r.terminal.FAILED} failed`,
    `lost                ${r.lost}${r.lost === 0 ? '' : '   <-- images that never reached a terminal state'}`,
    ...formatMetrics(r),
    `throughput          ${r.imagesPerSecond.toFixed(1)} images/s over ${r.seconds.toFixed(1)} s`,
    `upload→terminal     p50 ${r.latencyMs.p50} ms, p95 ${r.latencyMs.p95} ms, max ${r.latencyMs.max} ms`,
  ].join('\n');
}

/** The metrics beside the truth, field by field, each marked where they differ. */
function formatMetrics(r: LoadReport): string[] {
  const fields = Object.keys(r.truth) as (keyof MetricsTruth)[];
  const equal = fields.every((field) => r.metrics[field] === r.truth[field]);
  return [
    `metrics vs truth    ${equal ? 'equal' : 'DIFFER   <-- counted wrong'}`,
    ...fields.map(
      (field) =>
        `  ${field.padEnd(18)}${String(r.metrics[field]).padStart(12)}  ${String(r.truth[field]).padStart(12)}${r.metrics[field] === r.truth[field] ? '' : '  <--'}`,
    ),
  ];
}

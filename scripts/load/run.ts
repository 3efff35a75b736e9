import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { createDarkroomClient, postUpload } from '../../src/client/client.js';
import {
  CreateUploadDocument,
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
  onProgress?: (done: number, total: number) => void;
}

export interface LoadReport {
  uploaded: number;
  refused: number;
  terminal: Record<'PROCESSED' | 'REJECTED' | 'FAILED', number>;
  /** Uploaded but not terminal within the timeout. Must be 0. */
  lost: number;
  metrics: { total: number; processed: number; rejected: number; failed: number };
  seconds: number;
  imagesPerSecond: number;
  latencyMs: { p50: number; p95: number; max: number };
}

const TERMINAL = new Set(['PROCESSED', 'REJECTED', 'FAILED']);

/** A varied test photo: random size and colours, with noise so encoders have work to do. */
async function generateImage(i: number): Promise<Buffer> {
  const width = 320 + (i % 7) * 160;
  const height = 240 + (i % 5) * 120;
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

  const one = async (i: number) => {
    const bytes = await generateImage(i);
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
    const uploadedAt = performance.now();
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
      await new Promise((r) => setTimeout(r, 100));
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
  const { metrics } = await client.request(MyMetricsDocument);
  const sorted = latencies.sort((a, b) => a - b);
  return {
    uploaded,
    refused,
    terminal,
    lost,
    metrics,
    seconds,
    imagesPerSecond: uploaded / seconds,
    latencyMs: {
      p50: Math.round(quantile(sorted, 0.5)),
      p95: Math.round(quantile(sorted, 0.95)),
      max: Math.round(sorted.at(-1) ?? 0),
    },
  };
}

export function formatReport(r: LoadReport): string {
  const finished = r.terminal.PROCESSED + r.terminal.REJECTED + r.terminal.FAILED;
  return [
    `uploaded            ${r.uploaded}${r.refused ? ` (${r.refused} refused at upload)` : ''}`,
    `terminal            ${finished}: ${r.terminal.PROCESSED} processed, ${r.terminal.REJECTED} rejected, ${r.terminal.FAILED} failed`,
    `lost                ${r.lost}${r.lost === 0 ? '' : '   <-- images that never reached a terminal state'}`,
    `metrics             total ${r.metrics.total} (uploaded ${r.uploaded}), processed ${r.metrics.processed}, rejected ${r.metrics.rejected}, failed ${r.metrics.failed}`,
    `throughput          ${r.imagesPerSecond.toFixed(1)} images/s over ${r.seconds.toFixed(1)} s`,
    `upload→terminal     p50 ${r.latencyMs.p50} ms, p95 ${r.latencyMs.p95} ms, max ${r.latencyMs.max} ms`,
  ].join('\n');
}

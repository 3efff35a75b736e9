import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { UnprocessableImageError } from '../../model/failure.js';
import { sniffImageFormat } from '../../model/sniff.js';
import type { ImageHeader } from '../header.js';
import type { HeicJob, HeicReply } from './heic-worker.js';
import { tiffLayout } from './tiff.js';

/**
 * HEIC (HEVC-coded HEIF, what phones save): sharp's libheif has no HEVC decoder, so the primary
 * image is decoded by libheif built for WebAssembly (the libheif-js package, with libde265), and
 * handed to libvips as an uncompressed TIFF carrying the file's ICC profile. Every later step
 * is the same as for any other format.
 */

/**
 * Whether the bytes are an HEVC-coded HEIF, which only this decoder reads (from the primary item's
 * codec: libvips names the codec after the major brand).
 */
export const isHeic = (input: Buffer) => sniffImageFormat(input) === 'heic';

let compiled: Promise<WebAssembly.Module> | undefined;
/** libheif compiled once per process (a few tens of milliseconds), then given to every worker. */
function libheif(): Promise<WebAssembly.Module> {
  compiled ??= readFile(
    createRequire(import.meta.url).resolve('libheif-js/libheif-wasm/libheif.wasm'),
  ).then((bytes) => WebAssembly.compile(bytes));
  return compiled;
}

// Bundled, this module is part of the function's index.mjs and the worker sits beside it (see
// scripts/build.ts); from the sources (tests, npm start) Node runs the TypeScript worker itself.
const WORKER = new URL(
  import.meta.url.endsWith('.ts') ? './heic-worker.ts' : './heic-worker.mjs',
  import.meta.url,
);

/**
 * The primary image, its orientation applied, as a TIFF (8-bit RGB or RGBA, the file's ICC profile
 * embedded), decoded in a worker thread that is stopped after `timeoutSeconds` (0: no limit). The
 * caller has checked the header's size against the pixel limit.
 */
export async function decodeHeic(
  input: Buffer,
  header: ImageHeader,
  timeoutSeconds: number,
): Promise<Buffer> {
  // libvips reports the size after the file's transforms, as libheif decodes it.
  const { width, height } = header;
  const channels = header.hasAlpha ? 4 : 3;
  const layout = tiffLayout(width, height, channels, header.icc);
  const job: HeicJob = {
    input,
    module: await libheif(),
    width,
    height,
    alpha: channels === 4,
    offset: layout.pixelOffset,
    size: layout.size,
  };
  const reply = await runWorker(job, timeoutSeconds);
  if (!reply.ok) {
    throw new UnprocessableImageError('CORRUPT', `could not decode the HEIC: ${reply.message}`);
  }
  const tiff = Buffer.from(reply.buffer);
  layout.writeHeader(tiff);
  return tiff;
}

function runWorker(job: HeicJob, timeoutSeconds: number): Promise<HeicReply> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: job });
    let settled = false;
    const settle = (done: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      done();
    };
    const timer =
      timeoutSeconds > 0
        ? setTimeout(() => {
            void worker.terminate();
            settle(() =>
              reject(
                new UnprocessableImageError(
                  'TIMEOUT',
                  `decoding the HEIC took longer than ${timeoutSeconds} s`,
                ),
              ),
            );
          }, timeoutSeconds * 1000)
        : undefined;
    worker.once('message', (reply: HeicReply) => settle(() => resolve(reply)));
    // The worker answers every decode failure itself: an error here is the worker's own (it could
    // not load libheif, or ran out of memory), not the image's.
    worker.once('error', (error: Error) =>
      settle(() =>
        reject(new Error(`the HEIC decoder failed: ${error.message}`, { cause: error })),
      ),
    );
    worker.once('exit', (code) =>
      settle(() =>
        reject(new Error(`the HEIC decoder stopped (exit code ${code}) before it answered`)),
      ),
    );
  });
}

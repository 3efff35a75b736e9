/**
 * A decompression bomb through the processor's own checks, as processOriginal runs them before any
 * pixel is decoded: sniff the format, inspect the bytes, then decodeOnce, which reads the header
 * and refuses the image for its declared size. Reports the time to the refusal and the memory it
 * took beyond the upload's own bytes (already in memory, as the processor's download would be).
 */
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { sniffImageFormat } from '../../../src/model/formats.js';
import { inspectUpload } from '../../../src/processor/inspect.js';
import { decodeOnce, UnprocessableImageError } from '../../../src/processor/pipeline.js';
import { toOutputSpec, type ImagesJob } from './job.js';

export interface BombResult {
  ms: number;
  /** The failure code the processor would record (TOO_MANY_PIXELS expected). */
  code: string;
  /** Growth of peak and of current resident memory over the check, in MB. */
  peakGrowthMb: number;
  rssGrowthMb: number;
}

const job = JSON.parse(await readFile(process.argv[2]!, 'utf8')) as ImagesJob;

const refuse = async (bytes: Buffer): Promise<string> => {
  try {
    const format = sniffImageFormat(bytes);
    if (!format) return 'NOT_AN_IMAGE';
    inspectUpload(bytes, format, { maxMetadataBytes: 1024 * 1024 });
    await decodeOnce(bytes, job.outputs.map(toOutputSpec), { maxPixels: job.maxPixels });
    return 'DECODED';
  } catch (error) {
    return error instanceof UnprocessableImageError ? error.code : `ERROR ${String(error)}`;
  }
};

// The same path once on a small image first, so loading libvips is not counted against the bomb.
await refuse(
  await sharp({ create: { width: 64, height: 64, channels: 3, background: '#808080' } })
    .png()
    .toBuffer(),
);
const bomb = await readFile(job.files[0]!);

const peakBefore = process.resourceUsage().maxRSS; // KiB
const rssBefore = process.memoryUsage.rss(); // bytes
const started = performance.now();
const code = await refuse(bomb);
const ms = performance.now() - started;
const result: BombResult = {
  ms,
  code,
  peakGrowthMb: ((process.resourceUsage().maxRSS - peakBefore) * 1024) / 1e6,
  rssGrowthMb: (process.memoryUsage.rss() - rssBefore) / 1e6,
};
console.log(JSON.stringify(result));

/**
 * A decompression bomb through the processor's own guard, as its guard step runs it before any
 * pixel is decoded: sniff the format, inspect the bytes, then read the header and refuse the
 * image for its declared size. Reports the time to the refusal and the memory it
 * took beyond the upload's own bytes (already in memory, as the processor's download would be).
 */
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { decodeOnce } from '../../../src/imaging/decode.js';
import { UnprocessableImageError } from '../../../src/model/failure.js';
import { guardUpload } from '../../../src/processor/guard/index.js';
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
    const { header } = await guardUpload(bytes, 'image/png', {
      maxBytes: Infinity,
      allowSvg: false,
      maxMetadataBytes: 1024 * 1024,
      maxPixels: job.maxPixels,
    });
    await decodeOnce(bytes, job.outputs.map(toOutputSpec), { maxPixels: job.maxPixels, header });
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

/**
 * Darkroom's processor pipeline, in process and without storage: for each file, read it, decode
 * once and make every variant (runPipeline: decodeOnce + renderVariants; analysis is a separate
 * step and is not run), then write the variants out. With `parallel` > 1, that many images are in
 * flight at once, as the embedded default's PROCESSOR_CONCURRENCY does.
 */
import { readFile, writeFile } from 'node:fs/promises';
import sharp from 'sharp';
import { runPipeline } from '../../../src/processor/pipeline.js';
import { outputFile, toOutputSpec, type ImagesJob, type ImagesResult } from './job.js';

const job = JSON.parse(await readFile(process.argv[2]!, 'utf8')) as ImagesJob;
if (job.sharpConcurrency !== undefined) sharp.concurrency(job.sharpConcurrency);

const outputs = job.outputs.map(toOutputSpec);
let decodeMs = 0;
let variantsMs = 0;
let next = 0;
const worker = async () => {
  while (next < job.files.length) {
    const file = job.files[next++]!;
    const result = await runPipeline(await readFile(file), outputs, {
      maxPixels: job.maxPixels,
    });
    decodeMs += result.timings.decodeMs;
    variantsMs += result.timings.variantsMs;
    const { outDir } = job;
    if (outDir) {
      await Promise.all(
        result.variants.map((v) =>
          writeFile(outputFile(outDir, file, v.name, v.format as 'jpeg' | 'webp'), v.data),
        ),
      );
    }
  }
};

const started = performance.now();
await Promise.all(Array.from({ length: job.parallel ?? 1 }, worker));
const result: ImagesResult = {
  ms: performance.now() - started,
  images: job.files.length,
  decodeMs,
  variantsMs,
  sharpConcurrency: sharp.concurrency(),
};
console.log(JSON.stringify(result));

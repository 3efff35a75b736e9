/**
 * sharp as a tutorial uses it: every output starts again from the file (so the original is decoded
 * once per output), the outputs of one image made together with Promise.all, one image after the
 * other. Resize, crop position and encoder settings are Darkroom's, so the outputs are the same.
 */
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { outputFile, type ImagesJob, type ImagesResult } from './job.js';

const job = JSON.parse(await readFile(process.argv[2]!, 'utf8')) as ImagesJob;
if (job.sharpConcurrency !== undefined) sharp.concurrency(job.sharpConcurrency);

const started = performance.now();
for (const file of job.files) {
  await Promise.all(
    job.outputs.flatMap((spec) =>
      spec.formats.map((format) => {
        const resized = sharp(file, { limitInputPixels: job.maxPixels, autoOrient: true }).resize(
          spec.width,
          spec.height,
          {
            fit: spec.fit,
            position: spec.smartCrop ? 'attention' : 'centre',
            withoutEnlargement: true,
          },
        );
        const encoded =
          format === 'jpeg'
            ? resized
                .flatten({ background: '#ffffff' })
                .jpeg({ quality: spec.quality, progressive: true })
            : resized.webp({ quality: spec.quality });
        return job.outDir
          ? encoded.toFile(outputFile(job.outDir, file, spec.name, format))
          : encoded.toBuffer();
      }),
    ),
  );
}
const result: ImagesResult = { ms: performance.now() - started, images: job.files.length };
console.log(JSON.stringify(result));

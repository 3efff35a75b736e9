import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImagesJob, ImagesResult } from '../drivers/job.js';
import { childEnv } from '../contenders.js';
import { bigJpeg } from '../inputs.js';
import { lastJson, runMeasured } from '../measure.js';
import type { BenchContext, SectionResult } from '../section.js';
import { formatMs, minMedian, summarize } from '../stats.js';
import { MAX_PIXELS } from './compare.js';

const RSS_LIMIT_MB = 350;

/** One 50-megapixel JPEG through Darkroom's pipeline, in a fresh process each run. */
export async function bigImageSection(ctx: BenchContext): Promise<SectionResult> {
  ctx.log('  50 MP: preparing the input (cached after the first time)');
  const big = await bigJpeg(ctx.photos.large);
  const jobFile = join(ctx.scratch, 'big.job.json');
  const job: ImagesJob = { files: [big.path], outputs: ctx.outputs.outputs, maxPixels: MAX_PIXELS };
  await writeFile(jobFile, JSON.stringify(job));

  const runs: { ms: number; rss: number; decodeMs: number; variantsMs: number }[] = [];
  for (let run = 1; run <= ctx.options.runs; run++) {
    const measured = await runMeasured(process.execPath, [ctx.drivers.darkroom, jobFile], {
      env: childEnv(),
    });
    const result = lastJson<ImagesResult>(measured.stdout);
    runs.push({
      ms: result.ms,
      rss: measured.peakRssMb ?? Number.NaN,
      decodeMs: result.decodeMs ?? 0,
      variantsMs: result.variantsMs ?? 0,
    });
    ctx.log(
      `  50 MP: run ${run}/${ctx.options.runs}: ${formatMs(result.ms)}, ${measured.peakRssMb?.toFixed(0)} MB`,
    );
  }
  const time = summarize(runs.map((r) => r.ms));
  const rss = runs.every((r) => Number.isFinite(r.rss))
    ? summarize(runs.map((r) => r.rss))
    : undefined;
  const mb = (n: number) => `${n.toFixed(0)} MB`;
  return {
    id: 'big',
    title: 'A 50-megapixel JPEG',
    method: [
      `${big.width}×${big.height} (${((big.width * big.height) / 1e6).toFixed(1)} MP), ${(big.bytes / 1e6).toFixed(1)} MB: ${big.description}. Darkroom's pipeline (read, decode once, every default output) in a fresh Node process per run; peak RSS of that process, Node itself included.`,
    ],
    tables: [
      {
        head: ['', 'min / median'],
        rows: [
          ['time', minMedian(time, formatMs)],
          ['of which the decode', minMedian(summarize(runs.map((r) => r.decodeMs)), formatMs)],
          ['of which the variants', minMedian(summarize(runs.map((r) => r.variantsMs)), formatMs)],
          ['peak RSS', rss ? minMedian(rss, mb) : 'n/a (GNU time missing)'],
        ],
      },
    ],
    notes: [
      'libvips shrinks JPEGs while decoding (DCT scaling), so the working copy is only as large as the largest output needs; the full 50 MP raster is never in memory.',
    ],
    targets: [
      {
        what: 'Peak RSS, 50 MP JPEG',
        comparison: '<=',
        threshold: RSS_LIMIT_MB,
        value: rss?.median,
        unit: 'MB',
        why: rss
          ? `peak ${mb(rss.median)}: the decode's buffers plus Node's own baseline`
          : 'GNU time (package `time`) is not installed',
      },
    ],
  };
}

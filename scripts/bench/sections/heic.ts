import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImagesJob, ImagesResult } from '../drivers/job.js';
import { childEnv } from '../contenders.js';
import { phonePair, type GeneratedInput } from '../inputs.js';
import { lastJson, runMeasured } from '../measure.js';
import type { BenchContext, SectionResult } from '../section.js';
import { formatMs, minMedian, summarize, type Summary } from '../stats.js';
import { MAX_PIXELS } from './compare.js';

const RSS_LIMIT_MB = 450;

interface Runs {
  ms: Summary;
  decodeMs: Summary;
  variantsMs: Summary;
  rss: Summary | undefined;
}

/** Darkroom's pipeline on one file, in a fresh Node process per run. */
async function measure(ctx: BenchContext, input: GeneratedInput, label: string): Promise<Runs> {
  const jobFile = join(ctx.scratch, `${label}.job.json`);
  const job: ImagesJob = {
    files: [input.path],
    outputs: ctx.outputs.outputs,
    maxPixels: MAX_PIXELS,
  };
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
      `  12 MP ${label}: run ${run}/${ctx.options.runs}: ${formatMs(result.ms)}, ${measured.peakRssMb?.toFixed(0)} MB`,
    );
  }
  return {
    ms: summarize(runs.map((r) => r.ms)),
    decodeMs: summarize(runs.map((r) => r.decodeMs)),
    variantsMs: summarize(runs.map((r) => r.variantsMs)),
    rss: runs.every((r) => Number.isFinite(r.rss)) ? summarize(runs.map((r) => r.rss)) : undefined,
  };
}

/** A 12-megapixel phone photo as HEIC beside the same picture as JPEG. */
export async function heicSection(ctx: BenchContext): Promise<SectionResult> {
  const base = {
    id: 'heic' as const,
    title: 'A 12-megapixel HEIC, beside the same picture as JPEG',
  };
  ctx.log('  12 MP HEIC: preparing the inputs (cached after the first time)');
  const pair = await phonePair(ctx.photos.large);
  if (!pair) {
    return {
      ...base,
      method: [],
      tables: [],
      notes: ['Skipped: heif-enc is not installed (Debian: apt-get install libheif-examples).'],
      targets: [],
    };
  }
  const heic = await measure(ctx, pair.heic, 'HEIC');
  const jpeg = await measure(ctx, pair.jpeg, 'JPEG');
  const mb = (n: number) => `${n.toFixed(0)} MB`;
  const ratio = (a: Summary | undefined, b: Summary | undefined) =>
    a && b ? `${(a.median / b.median).toFixed(1)}×` : 'n/a';
  const row = (
    what: string,
    h: Summary | undefined,
    j: Summary | undefined,
    f: (n: number) => string,
  ) => [
    what,
    h ? minMedian(h, f) : 'n/a (GNU time missing)',
    j ? minMedian(j, f) : 'n/a (GNU time missing)',
    ratio(h, j),
  ];
  return {
    ...base,
    method: [
      `${pair.jpeg.description} (${(pair.jpeg.bytes / 1e6).toFixed(1)} MB), and ${pair.heic.description} (${(pair.heic.bytes / 1e6).toFixed(1)} MB). Darkroom's pipeline (read, decode once, every default output) in a fresh Node process per run; peak RSS of that process, Node itself included. The HEIC is decoded by libheif-js (WebAssembly) in a worker thread, then read by libvips as a TIFF; the JPEG by libvips alone.`,
    ],
    tables: [
      {
        head: ['min / median', 'HEIC', 'JPEG', 'HEIC ÷ JPEG'],
        rows: [
          row('time', heic.ms, jpeg.ms, formatMs),
          row('of which the decode', heic.decodeMs, jpeg.decodeMs, formatMs),
          row('of which the variants', heic.variantsMs, jpeg.variantsMs, formatMs),
          row('peak RSS', heic.rss, jpeg.rss, mb),
        ],
      },
    ],
    notes: [
      'The JPEG decode is libvips shrinking on load (DCT scaling to what the largest output needs); a HEVC picture has no such shortcut, so the HEIC is decoded at full size, single-threaded in WebAssembly, and its 12 MP raster is held twice for a moment (in the WebAssembly heap, then in the TIFF libvips reads). The worker ends after each decode, giving that heap back.',
    ],
    targets: [
      {
        what: 'Peak RSS, 12 MP HEIC',
        comparison: '<=',
        threshold: RSS_LIMIT_MB,
        value: heic.rss?.median,
        unit: 'MB',
        why: heic.rss
          ? `peak ${mb(heic.rss.median)}, against ${jpeg.rss ? mb(jpeg.rss.median) : 'n/a'} for the JPEG`
          : 'GNU time (package `time`) is not installed',
      },
    ],
  };
}

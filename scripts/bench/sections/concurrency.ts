import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { childEnv } from '../contenders.js';
import type { ImagesJob, ImagesResult } from '../drivers/job.js';
import { lastJson, runMeasured } from '../measure.js';
import type { BenchContext, SectionResult } from '../section.js';
import { minMedian, summarize, type Summary } from '../stats.js';
import { MAX_PIXELS } from './compare.js';

interface Setting {
  sharpConcurrency: number;
  parallel: number;
}

const QUICK_PHOTOS = 8;

/**
 * Darkroom's pipeline with libvips' thread count (sharp.concurrency) at 1 and 2, and one or two
 * images in flight at once, on the same photos: does processing two images at once on this
 * machine raise throughput, and which setting suits Lambda and the embedded default.
 */
export async function concurrencySection(ctx: BenchContext): Promise<SectionResult> {
  const photos = ctx.options.quick ? ctx.photos.large.slice(0, QUICK_PHOTOS) : ctx.photos.large;
  const settings: Setting[] = [
    { sharpConcurrency: 1, parallel: 1 },
    { sharpConcurrency: 2, parallel: 1 },
    { sharpConcurrency: 1, parallel: 2 },
    { sharpConcurrency: 2, parallel: 2 },
  ];
  const results = new Map<Setting, { perSecond: number; rss: number | undefined }[]>(
    settings.map((s) => [s, []]),
  );
  let defaultConcurrency: number | undefined;
  for (let run = 1; run <= ctx.options.runs; run++) {
    for (const setting of settings) {
      const job: ImagesJob = {
        files: photos.map((p) => p.path),
        outputs: ctx.outputs.outputs,
        maxPixels: MAX_PIXELS,
        ...setting,
      };
      const jobFile = join(ctx.scratch, 'concurrency.job.json');
      await writeFile(jobFile, JSON.stringify(job));
      const measured = await runMeasured(process.execPath, [ctx.drivers.darkroom, jobFile], {
        env: childEnv(),
      });
      const result = lastJson<ImagesResult>(measured.stdout);
      results.get(setting)!.push({
        perSecond: (result.images * 1000) / result.ms,
        rss: measured.peakRssMb,
      });
      ctx.log(
        `  concurrency: run ${run}/${ctx.options.runs} sharp ${setting.sharpConcurrency} × ${setting.parallel} image(s): ${((result.images * 1000) / result.ms).toFixed(2)} images/s`,
      );
    }
  }
  {
    // sharp's default in a fresh process, as the processor runs (the project never sets it).
    const job: ImagesJob = {
      files: [photos[0]!.path],
      outputs: ctx.outputs.outputs,
      maxPixels: MAX_PIXELS,
    };
    const jobFile = join(ctx.scratch, 'concurrency-default.job.json');
    await writeFile(jobFile, JSON.stringify(job));
    const measured = await runMeasured(process.execPath, [ctx.drivers.darkroom, jobFile], {
      env: childEnv(),
    });
    defaultConcurrency = lastJson<ImagesResult>(measured.stdout).sharpConcurrency;
  }

  const throughput = (s: Setting): Summary => summarize(results.get(s)!.map((r) => r.perSecond));
  const base = throughput(settings[0]!).median;
  const best = (candidates: Setting[]) =>
    candidates.reduce((a, b) => (throughput(b).median > throughput(a).median ? b : a));
  const single = settings.filter((s) => s.parallel === 1);
  const bestSingle = best(single);
  const bestOverall = best(settings);
  const gain = (a: Setting, b: Setting) => throughput(a).median / throughput(b).median;
  const label = (s: Setting) =>
    `sharp.concurrency(${s.sharpConcurrency}), ${s.parallel} image${s.parallel > 1 ? 's' : ''} at once`;
  const twoAtOnce = gain(best(settings.filter((s) => s.parallel === 2)), bestSingle);
  const pairs = settings.filter((s) => s.parallel === 2);
  const localAdvice = () => {
    const [one, two] = pairs;
    const parallelPays = twoAtOnce >= 1.05;
    const threads =
      gain(two!, one!) >= 1.1
        ? 'with sharp.concurrency(2), which did better'
        : "with sharp's default concurrency of 1 (a second libvips thread made no real difference)";
    return parallelPays
      ? `keep it, ${threads}`
      : `two images at once did not pay here, so PROCESSOR_CONCURRENCY=1 would do as well, ${threads}`;
  };

  return {
    id: 'concurrency',
    title: 'sharp concurrency',
    method: [
      `Darkroom's pipeline (no output files) on ${photos.length} photos, in a fresh process per run and setting, on ${availableParallelism()} cores. sharp.concurrency(n) sets how many threads libvips uses for one image; "images at once" is how many images are in flight (PROCESSOR_CONCURRENCY on the embedded default; one per invocation on Lambda). Independently of both, sharp runs each call on libuv's thread pool (4 threads), and renderVariants encodes every output of an image at once, so even one image at concurrency 1 keeps more than one core busy.`,
      `The project does not call sharp.concurrency(); sharp's default in a fresh process here is ${defaultConcurrency ?? 'unknown'} (sharp uses 1 on glibc Linux without jemalloc, to limit memory fragmentation, which is also the case on Lambda's Amazon Linux; otherwise the number of cores).`,
    ],
    tables: [
      {
        caption: `images/s, min / median of ${ctx.options.runs} runs`,
        head: ['setting', 'images/s', 'vs 1 × 1', 'peak RSS (median)'],
        rows: settings.map((s) => {
          const rss = results.get(s)!.flatMap((r) => (r.rss === undefined ? [] : [r.rss]));
          return [
            label(s),
            minMedian(throughput(s), (n) => n.toFixed(2)),
            `${(throughput(s).median / base).toFixed(2)}×`,
            rss.length ? `${summarize(rss).median.toFixed(0)} MB` : 'n/a',
          ];
        }),
      },
    ],
    notes: [
      `Two images at once ${twoAtOnce >= 1.05 ? `raised throughput ${twoAtOnce.toFixed(2)}× over the best single-image setting` : twoAtOnce <= 0.95 ? `lowered throughput (${twoAtOnce.toFixed(2)}× the best single-image setting)` : `made no real difference (${twoAtOnce.toFixed(2)}× the best single-image setting)`} on this ${availableParallelism()}-core machine; the best setting overall was ${label(bestOverall)}.`,
      `Lambda processes one image per invocation, so only sharp.concurrency matters there: for one image, sharp.concurrency(2) gave ${gain(settings[1]!, settings[0]!).toFixed(2)}× the throughput of sharp's default of 1. Lambda gives a function CPU in proportion to its memory (one vCPU at 1,769 MB; the processor's default is 2,048 MB, about 1.2 vCPUs), so a second libvips thread only pays from about 3,538 MB (2 vCPUs). Recommendation for Lambda: ${gain(settings[1]!, settings[0]!) >= 1.1 ? 'sharp.concurrency(2) when processor_memory_mb is 3,538 or more; at the default 2,048 MB, keep 1' : "keep sharp's default (1): a second thread did not pay even with two full cores"}.`,
      `For the embedded default (PROCESSOR_CONCURRENCY = number of cores, so ${availableParallelism()} images at once here): ${localAdvice()}.`,
    ],
    targets: [],
  };
}

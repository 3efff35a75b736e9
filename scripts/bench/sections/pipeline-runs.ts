import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImagesJob, ImagesResult } from '../drivers/job.js';
import { childEnv } from '../contenders.js';
import { lastJson, runMeasured } from '../measure.js';
import type { BenchContext } from '../section.js';
import { formatMs, summarize, type Summary } from '../stats.js';
import { MAX_PIXELS } from './compare.js';

/** Min and median of each figure over the runs; rss undefined without GNU time. */
export interface PipelineRuns {
  ms: Summary;
  decodeMs: Summary;
  variantsMs: Summary;
  rss: Summary | undefined;
}

/** Darkroom's pipeline (every default output) on one file, in a fresh Node process per run. */
export async function pipelineRuns(
  ctx: BenchContext,
  file: string,
  label: string,
): Promise<PipelineRuns> {
  const jobFile = join(ctx.scratch, `${label.replace(/\W+/g, '-')}.job.json`);
  const job: ImagesJob = {
    files: [file],
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
      `  ${label}: run ${run}/${ctx.options.runs}: ${formatMs(result.ms)}, ${measured.peakRssMb?.toFixed(0)} MB`,
    );
  }
  return {
    ms: summarize(runs.map((r) => r.ms)),
    decodeMs: summarize(runs.map((r) => r.decodeMs)),
    variantsMs: summarize(runs.map((r) => r.variantsMs)),
    rss: runs.every((r) => Number.isFinite(r.rss)) ? summarize(runs.map((r) => r.rss)) : undefined,
  };
}

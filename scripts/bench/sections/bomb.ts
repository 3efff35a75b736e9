import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { childEnv } from '../contenders.js';
import type { BombResult } from '../drivers/bomb.js';
import type { ImagesJob } from '../drivers/job.js';
import { pixelBomb } from '../inputs.js';
import { lastJson, runMeasured } from '../measure.js';
import type { BenchContext, SectionResult } from '../section.js';
import { formatMs, minMedian, summarize } from '../stats.js';
import { MAX_PIXELS } from './compare.js';

const TIME_LIMIT_MS = 50;
const MEMORY_LIMIT_MB = 20;

/** A decompression bomb refused by the processor's checks, in a fresh process each run. */
export async function bombSection(ctx: BenchContext): Promise<SectionResult> {
  ctx.log('  bomb: preparing the input (cached after the first time)');
  const bomb = await pixelBomb();
  const jobFile = join(ctx.scratch, 'bomb.job.json');
  const job: ImagesJob = {
    files: [bomb.path],
    outputs: ctx.outputs.outputs,
    maxPixels: MAX_PIXELS,
  };
  await writeFile(jobFile, JSON.stringify(job));

  const runs: BombResult[] = [];
  for (let run = 1; run <= ctx.options.runs; run++) {
    const measured = await runMeasured(process.execPath, [ctx.drivers.bomb, jobFile], {
      env: childEnv(),
    });
    const result = lastJson<BombResult>(measured.stdout);
    runs.push(result);
    ctx.log(`  bomb: run ${run}/${ctx.options.runs}: ${result.code} in ${formatMs(result.ms)}`);
  }
  const codes = [...new Set(runs.map((r) => r.code))];
  const refused = codes.length === 1 && codes[0] === 'TOO_MANY_PIXELS';
  const time = summarize(runs.map((r) => r.ms));
  // The larger of the two readings: growth of the peak, and growth of what is resident after.
  const extra = summarize(runs.map((r) => Math.max(r.peakGrowthMb, r.rssGrowthMb, 0)));
  const mb = (n: number) => `${n.toFixed(1)} MB`;
  return {
    id: 'bomb',
    title: 'A pixel bomb',
    method: [
      `${bomb.description}: ${(bomb.bytes / 1e6).toFixed(1)} MB on disk, ${((bomb.width * bomb.height) / 1e9).toFixed(0)} billion pixels declared. In a fresh Node process per run, after one small image through the same path (so loading libvips is not counted): the processor's own checks before any decode (sniff the format, inspect the bytes, decodeOnce reading the header against MAX_INPUT_PIXELS = ${MAX_PIXELS.toLocaleString('en')}). Extra memory is the growth of the process's peak RSS (or of its RSS, whichever is larger) across the check, beyond the upload's own bytes.`,
    ],
    tables: [
      {
        head: ['', 'min / median'],
        rows: [
          ['refused as', codes.join(', ')],
          ['time to refuse', minMedian(time, formatMs)],
          ['extra memory', minMedian(extra, mb)],
        ],
      },
    ],
    notes: refused ? [] : [`Expected TOO_MANY_PIXELS, got ${codes.join(', ')}.`],
    targets: [
      {
        what: 'Time to refuse the bomb',
        comparison: '<',
        threshold: TIME_LIMIT_MS,
        value: refused ? time.median : undefined,
        unit: 'ms',
        why: refused
          ? 'the checks read the whole upload (markup scan, PNG chunk walk) before the header'
          : `not refused: ${codes.join(', ')}`,
      },
      {
        what: 'Extra memory to refuse the bomb',
        comparison: '<',
        threshold: MEMORY_LIMIT_MB,
        value: refused ? extra.median : undefined,
        unit: 'MB',
        why: refused
          ? 'see the method: a copy of the upload is made while inspecting it'
          : `not refused: ${codes.join(', ')}`,
      },
    ],
  };
}

import { parseArgs } from 'node:util';
import { SECTIONS, type BenchOptions, type SectionId } from './section.js';

export const USAGE = `Usage: npm run bench -- [--quick] [--runs N] [--only ${SECTIONS.join(',')}] [--no-write | --out FILE]

Measures Darkroom against sharp (decode per output), Pillow, ImageMagick and vipsthumbnail on the
same photos, plus a 50 MP JPEG, a 12 MP HEIC beside the same JPEG, a pixel bomb, the API Lambda's bundle and cold start, the metrics
query, the embedded default's latency, sharp's concurrency and on-demand delivery renders
(against a naive sharp handler); prints a summary and writes
docs/BENCHMARKS.md. Photos are fetched from Debian packages when missing
(scripts/fetch-bench-photos.sh); the contenders' tools come from scripts/bench/setup.sh.

  --quick     8 photos instead of all, no small-photo table, 2,000 images for the metrics query
  --runs N    timed runs of each measurement (default 3, at least 3)
  --only ...  just these parts (comma-separated)
  --no-write  print only; --out FILE writes the report elsewhere`;

const MIN_RUNS = 3;

/** The options, or a message for the user (usage or an error) when there is nothing to run. */
export function parseOptions(
  args: string[],
  defaultOut: string,
): BenchOptions | { message: string; exitCode: number } {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        quick: { type: 'boolean', default: false },
        runs: { type: 'string', default: String(MIN_RUNS) },
        only: { type: 'string' },
        'no-write': { type: 'boolean', default: false },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    return { message: `${(error as Error).message}\n\n${USAGE}`, exitCode: 2 };
  }
  if (values.help) return { message: USAGE, exitCode: 0 };
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < MIN_RUNS) {
    return {
      message: `--runs must be a whole number of at least ${MIN_RUNS} (got ${values.runs})`,
      exitCode: 2,
    };
  }
  const only = values.only
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = only?.filter((s) => !(SECTIONS as readonly string[]).includes(s));
  if (unknown?.length) {
    return {
      message: `--only: unknown part ${unknown.join(', ')}; the parts are ${SECTIONS.join(', ')}`,
      exitCode: 2,
    };
  }
  const sections =
    (only as SectionId[] | undefined) ?? SECTIONS.filter((s) => !(values.quick && s === 'small'));
  return {
    quick: values.quick,
    runs,
    sections,
    out: values['no-write'] ? undefined : (values.out ?? defaultOut),
  };
}

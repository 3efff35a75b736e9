/** Summaries, ratios, targets and number formats the benchmark report is made of. Pure. */

export interface Summary {
  min: number;
  median: number;
  max: number;
  runs: number;
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error('no samples to summarize');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { min: sorted[0]!, median, max: sorted.at(-1)!, runs: sorted.length };
}

/** The value below which a share `p` (0..1) of the samples fall (nearest rank). */
export function quantile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

/**
 * How many times faster Darkroom is than a contender, from the time each took for the same work:
 * 2 means Darkroom did it in half the time (twice the images per second).
 */
export const speedup = (contenderMs: number, darkroomMs: number): number =>
  contenderMs / darkroomMs;

export type Comparison = '>=' | '<=' | '<';

export interface Target {
  /** What is measured, e.g. "Darkroom ÷ vipsthumbnail (images/s)". */
  what: string;
  comparison: Comparison;
  threshold: number;
  /** The measured value (undefined when it could not be measured). */
  value: number | undefined;
  /** How value and threshold are shown, e.g. ratio or milliseconds. */
  unit: Unit;
  /** Why it was missed or could not be measured (the report shows it when not met). */
  why?: string;
}

/** `rate`: things per second (renders, requests). */
export type Unit = 'ratio' | 'ms' | 'MB' | 'bytes' | 'rate';

export function isMet(target: Target): boolean | undefined {
  const { value, threshold } = target;
  if (value === undefined || Number.isNaN(value)) return undefined;
  switch (target.comparison) {
    case '>=':
      return value >= threshold;
    case '<=':
      return value <= threshold;
    case '<':
      return value < threshold;
  }
}

export function formatValue(value: number | undefined, unit: Unit): string {
  if (value === undefined || Number.isNaN(value)) return 'n/a';
  switch (unit) {
    case 'ratio':
      return `${value.toFixed(value < 10 ? 2 : 1)}×`;
    case 'ms':
      return formatMs(value);
    case 'MB':
      return `${value.toFixed(value < 10 ? 1 : 0)} MB`;
    case 'bytes':
      return formatBytes(value);
    case 'rate':
      return `${value.toFixed(1)}/s`;
  }
}

export const formatMs = (ms: number): string =>
  ms >= 10_000
    ? `${(ms / 1000).toFixed(1)} s`
    : ms >= 100
      ? `${ms.toFixed(0)} ms`
      : `${ms.toFixed(1)} ms`;

/** Bytes in decimal megabytes and binary KiB/MiB both, so neither reading is misleading. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024)
    return `${(bytes / 1e3).toFixed(0)} kB (${(bytes / 1024).toFixed(0)} KiB)`;
  return `${(bytes / 1e6).toFixed(2)} MB (${(bytes / 1024 / 1024).toFixed(2)} MiB)`;
}

/** "min / median" of a summary, each formatted. */
export const minMedian = (s: Summary, format: (n: number) => string): string =>
  `${format(s.min)} / ${format(s.median)}`;

export const describeTarget = (t: Target): string =>
  `${t.comparison === '>=' ? '≥' : t.comparison === '<=' ? '≤' : '<'} ${formatValue(t.threshold, t.unit)}`;

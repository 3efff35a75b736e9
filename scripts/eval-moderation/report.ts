/** The evaluation's printed tables: one row per model set and thresholds, the defaults marked. */
import type { Measured } from './measure.js';
import { explicitScore, outcome, setName, type ModelSet, type Thresholds } from './score.js';

export const THRESHOLD_GRID: Thresholds[] = [
  { review: 0.5, reject: 0.5 },
  { review: 0.3, reject: 0.5 },
  { review: 0.5, reject: 0.7 },
  { review: 0.5, reject: 0.8 },
  { review: 0.4, reject: 0.8 },
  { review: 0.5, reject: 0.9 },
];

const pct = (n: number, of: number) => (of === 0 ? '0 %' : `${((100 * n) / of).toFixed(1)} %`);
const ratio = (t: number) => `${Math.round(t * 100)} %`;

export interface ReportOptions {
  sets: readonly ModelSet[];
  defaults: { models: ModelSet; thresholds: Thresholds };
}

/** Plain-text tables (Markdown), for a terminal and for docs/MODERATION.md. */
export function renderReport(images: readonly Measured[], options: ReportOptions): string {
  const lines: string[] = [];
  const n = images.length;
  const isDefault = (models: ModelSet, t: Thresholds) =>
    setName(models) === setName(options.defaults.models) &&
    t.review === options.defaults.thresholds.review &&
    t.reject === options.defaults.thresholds.reject;
  const grid = [...THRESHOLD_GRID];
  if (!grid.some((t) => isDefault(options.defaults.models, t)))
    grid.push(options.defaults.thresholds);

  lines.push(
    `${n} images, none of them explicit: every REJECTED or IN_REVIEW is a false positive.`,
    '',
  );
  lines.push(
    '| models (a label counts as far as all agree) | review from | reject from | REJECTED | IN_REVIEW | ms per image |',
  );
  lines.push('|---|---|---|---|---|---|');
  for (const models of options.sets) {
    for (const t of grid) {
      const o = outcome(images, models, t);
      const mark = isDefault(models, t) ? ' **(default)**' : '';
      lines.push(
        `| ${setName(models)}${mark} | ${t.review < t.reject ? ratio(t.review) : '(no review)'} | ${ratio(t.reject)} | ${o.rejected.length} (${pct(o.rejected.length, n)}) | ${o.inReview.length} (${pct(o.inReview.length, n)}) | ${Math.round(o.msPerImage)} |`,
      );
    }
  }

  lines.push('', 'Highest explicit scores per model set (the images closest to a threshold):', '');
  for (const models of options.sets) {
    const top = images
      .map((image) => ({ file: image.file, score: explicitScore(image, models) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, 3)
      .map((x) => `${x.file} ${ratio(x.score)}`);
    lines.push(`- ${setName(models)}: ${top.join(', ')}`);
  }

  const d = outcome(images, options.defaults.models, options.defaults.thresholds);
  lines.push(
    '',
    `Default (${setName(d.models)}, review from ${ratio(d.thresholds.review)}, reject from ${ratio(d.thresholds.reject)}): ` +
      `${d.rejected.length} REJECTED${d.rejected.length ? ` (${d.rejected.join(', ')})` : ''}, ` +
      `${d.inReview.length} IN_REVIEW${d.inReview.length ? ` (${d.inReview.join(', ')})` : ''}, ` +
      `${Math.round(d.msPerImage)} ms per image.`,
  );
  return lines.join('\n');
}

import { FAILURE_CODES, type FailureCode } from '../model/failure.js';
import { summarize, type Counters } from '../model/metrics.js';
import type { Announcement } from '../notify/notifier.js';

const number = new Intl.NumberFormat('en-US');

function bytes(n: number): string {
  const abs = Math.abs(n);
  const [value, unit] =
    abs >= 1e9
      ? [n / 1e9, 'GB']
      : abs >= 1e6
        ? [n / 1e6, 'MB']
        : abs >= 1e3
          ? [n / 1e3, 'kB']
          : [n, 'B'];
  return `${unit === 'B' ? value : value.toFixed(1)} ${unit}`;
}

const percent = (ratio: number | null) => (ratio === null ? 'n/a' : `${(ratio * 100).toFixed(1)}%`);
const ms = (value: number | null) =>
  value === null ? 'n/a' : `${number.format(Math.round(value))} ms`;

/** The daily summary people receive by email: counts, bytes saved, p95 time, top failure reasons. */
export function dailyReport(day: string, c: Counters, scope = 'all owners'): Announcement {
  const s = summarize(c);
  const reasons = (Object.entries(c.reasons) as [FailureCode, number][])
    .filter(([, count]) => count > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 5);
  const lines = [
    `Darkroom daily report for ${day} (UTC, ${scope})`,
    '',
    `Uploads requested   ${number.format(c.uploads)}`,
    `Processed           ${number.format(c.processed)}`,
    `Rejected            ${number.format(c.rejected)} (rejection rate ${percent(s.rejectionRate)})`,
    `Failed              ${number.format(c.failed)}`,
    ...(c.reprocessed > 0
      ? [`Reprocessed         ${number.format(c.reprocessed)} (runs, also counted above)`]
      : []),
    `Faces detected      ${number.format(c.facesDetected)}`,
    '',
    `Bytes in            ${bytes(c.bytesIn)}`,
    `Bytes out           ${bytes(c.bytesOut)}`,
    `Bytes saved         ${bytes(s.bytesSaved)} (variants are ${percent(s.compressionRatio)} of their originals)`,
    '',
    `Processing time     average ${ms(s.averageProcessingMs)}, p50 ${ms(s.p50ProcessingMs)}, p95 ${ms(s.p95ProcessingMs)}`,
    '',
    reasons.length === 0 ? 'No rejections or failures.' : 'Top rejection and failure reasons:',
    ...reasons.map(
      ([code, count]) => `  ${String(count).padStart(6)}  ${FAILURE_CODES[code]} (${code})`,
    ),
  ];
  return {
    subject: `Darkroom ${day}: ${number.format(c.processed)} processed, ${number.format(c.rejected)} rejected, ${number.format(c.failed)} failed`,
    text: `${lines.join('\n')}\n`,
    attributes: { eventType: 'report.daily', day },
  };
}

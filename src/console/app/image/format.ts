/**
 * How numbers read in the console: the image, metrics and review pages all show bytes, ratios
 * and durations, so they spell them the same way. en-US throughout, to match the API's words.
 */

const UNITS = ['bytes', 'kB', 'MB', 'GB', 'TB'] as const;

/** Decimal units (1 kB = 1000 bytes), as storage bills and browsers' download bars count. */
export function formatBytes(bytes: number): string {
  const sign = bytes < 0 ? '−' : '';
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  if (unit === 0)
    return `${sign}${value.toLocaleString('en-US')} ${value === 1 ? 'byte' : 'bytes'}`;
  const digits = value < 10 ? 1 : 0;
  return `${sign}${value.toFixed(digits)} ${UNITS[unit]}`;
}

/** The exact count, for a title beside a rounded value. */
export function exactBytes(bytes: number): string {
  return `${bytes.toLocaleString('en-US')} bytes`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** A 0..1 ratio as a percentage; `digits` after the point (0 by default). */
export function formatPercent(ratio: number, digits = 0): string {
  const value = ratio * 100;
  const sign = value < 0 ? '−' : '';
  return `${sign}${Math.abs(value).toFixed(digits)}%`;
}

/** Milliseconds, rounded; "—" when unknown. */
export function formatMs(ms: number | null | undefined): string {
  return ms == null ? '—' : `${Math.round(ms).toLocaleString('en-US')} ms`;
}

/** A date-time as the reader's locale shows it, e.g. "Nov 25, 2026, 10:00 AM". */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });
}

/** How long ago, in words: "3 minutes", "2 hours 5 minutes", "4 days 1 hour". */
export function formatWait(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    const rest = minutes % 60;
    return rest ? `${plural(hours, 'hour')} ${plural(rest, 'minute')}` : plural(hours, 'hour');
  }
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  return rest ? `${plural(days, 'day')} ${plural(rest, 'hour')}` : plural(days, 'day');
}

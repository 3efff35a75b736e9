/**
 * The dashboard: the caller's counters (everyone's, for the admin group) over a range of UTC
 * days, as totals, daily charts and the reasons images were refused.
 */
import { useId, useMemo, useState, type ReactNode } from 'react';
import type { MetricsQuery, MetricsScope } from '../../../client/generated/graphql.js';
import { MetricsDocument } from '../../../client/operations.js';
import { useConsole, useLoad } from '../api.js';
import { exactBytes, formatBytes, formatCount, formatMs, formatPercent } from '../image/format.js';
import { TimeChart, type DailyChart } from '../parts/Chart.js';
import './metrics.css';

type MetricsData = MetricsQuery['metrics'];

const DAY_MS = 86_400_000;
/** The API's longest range, in days (from and to included). */
const MAX_DAYS = 366;

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** The last 30 days, today (UTC) included. */
function lastThirtyDays() {
  const today = Date.now();
  return { from: isoDay(today - 29 * DAY_MS), to: isoDay(today) };
}

/** Why the range cannot be asked for, in words; undefined when it can. */
function rangeProblem(from: string, to: string): string | undefined {
  if (!from || !to) return 'Enter both dates.';
  const days = (dayMs(to) - dayMs(from)) / DAY_MS + 1;
  if (Number.isNaN(days)) return 'Enter both dates as calendar days.';
  if (days < 1) return 'From must be on or before To.';
  if (days > MAX_DAYS) return `The range is at most ${MAX_DAYS} days.`;
  return undefined;
}

export function Metrics() {
  const { api, isAdmin } = useConsole();
  const ids = useId();
  const [range, setRange] = useState(lastThirtyDays);
  const [scope, setScope] = useState<MetricsScope>('MINE');
  const { from, to } = range;
  const problem = rangeProblem(from, to);
  const whose = isAdmin ? scope : 'MINE';
  const [metrics] = useLoad(
    async () =>
      problem ? null : (await api.request(MetricsDocument, { from, to, scope: whose })).metrics,
    [api, from, to, whose, problem],
  );

  return (
    <section className="metrics-page">
      <h1>Metrics</h1>
      <form className="metrics-range" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor={`${ids}-from`}>From</label>
          <input
            id={`${ids}-from`}
            type="date"
            value={from}
            max={to || undefined}
            onChange={(event) => setRange({ from: event.target.value, to })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-to`}>To</label>
          <input
            id={`${ids}-to`}
            type="date"
            value={to}
            min={from || undefined}
            onChange={(event) => setRange({ from, to: event.target.value })}
          />
        </div>
        {isAdmin && (
          <div className="field">
            <label htmlFor={`${ids}-whose`}>Whose</label>
            <select
              id={`${ids}-whose`}
              value={scope}
              onChange={(event) => setScope(event.target.value as MetricsScope)}
            >
              <option value="MINE">Mine</option>
              <option value="ALL">Everyone</option>
            </select>
          </div>
        )}
      </form>
      <p className="muted">Days are UTC days, both ends included.</p>
      {problem ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : metrics.state === 'loading' ? (
        <p className="loading" role="status">
          Loading the metrics…
        </p>
      ) : metrics.state === 'failed' ? (
        <p className="error" role="alert">
          {metrics.error}
        </p>
      ) : metrics.data ? (
        <Report metrics={metrics.data} />
      ) : null}
    </section>
  );
}

function Report({ metrics }: { metrics: MetricsData }) {
  const charts = useMemo(() => dailyCharts(metrics), [metrics]);
  const finished = metrics.processed + metrics.rejected + metrics.failed + metrics.inReview;
  return (
    <>
      <h2>Totals</h2>
      <Totals metrics={metrics} />
      {finished === 0 ? (
        <p className="empty">Nothing processed in this period.</p>
      ) : (
        <div className="charts">
          {charts.map((chart) => (
            <TimeChart key={chart.caption} chart={chart} />
          ))}
          <FailureReasons metrics={metrics} />
        </div>
      )}
    </>
  );
}

function Totals({ metrics: m }: { metrics: MetricsData }) {
  const bytes = (n: number) => <span title={exactBytes(n)}>{formatBytes(n)}</span>;
  const rows: [string, ReactNode][] = [
    ['Uploads', formatCount(m.total)],
    ['Processed', formatCount(m.processed)],
    ['Rejected', formatCount(m.rejected)],
    ['Failed', formatCount(m.failed)],
    ['Bytes in', bytes(m.bytesIn)],
    ['Bytes out', bytes(m.bytesOut)],
    ['Bytes saved', bytes(m.bytesSaved)],
    ['Rejection rate', m.rejectionRate == null ? '—' : formatPercent(m.rejectionRate, 1)],
    ['Processing time p50', formatMs(m.p50ProcessingMs)],
    ['Processing time p95', formatMs(m.p95ProcessingMs)],
  ];
  return (
    <dl aria-label="Totals" className="totals">
      {rows.map(([name, value]) => (
        <div key={name}>
          <dt>{name}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * Colours that differ in lightness as well as hue (blue, amber, dark red), each with its own
 * dash, so the lines stay apart in greyscale and for colour-blind readers.
 */
const LINES = [
  { colour: '#1f5fbf' },
  { colour: '#c77800', dash: [8, 4] },
  { colour: '#8f1d16', dash: [2, 3] },
];

function dailyCharts(m: MetricsData): DailyChart[] {
  // Every day of the range, so quiet days show as zero rather than being skipped over.
  const first = m.from ?? m.series[0]?.date;
  const last = m.to ?? m.series.at(-1)?.date;
  const days: string[] = [];
  if (first && last) {
    for (let t = dayMs(first); t <= dayMs(last); t += DAY_MS) days.push(isoDay(t));
  }
  const byDay = new Map(m.series.map((d) => [d.date, d]));
  const column = (value: (d: MetricsData['series'][number]) => number | null, zero: boolean) =>
    days.map((day) => {
      const d = byDay.get(day);
      return d ? value(d) : zero ? 0 : null;
    });
  const span = `from ${first ?? '—'} to ${last ?? '—'}`;
  const rate = (d: MetricsData['series'][number]) => {
    const finished = d.processed + d.rejected + d.failed;
    return finished > 0 ? d.rejected / finished : null;
  };
  const [a, b, c] = LINES as [(typeof LINES)[0], (typeof LINES)[0], (typeof LINES)[0]];
  return [
    {
      caption: 'Images per day',
      description: `Line chart of images per day ${span}: ${formatCount(m.processed)} processed, ${formatCount(m.rejected)} rejected and ${formatCount(m.failed)} failed in all.`,
      days,
      whole: true,
      format: formatCount,
      series: [
        { label: 'Processed', values: column((d) => d.processed, true), ...a },
        { label: 'Rejected', values: column((d) => d.rejected, true), ...b },
        { label: 'Failed', values: column((d) => d.failed, true), ...c },
      ],
    },
    {
      caption: 'Bytes per day',
      description: `Line chart of bytes per day ${span}: ${formatBytes(m.bytesIn)} in and ${formatBytes(m.bytesOut)} out in all.`,
      days,
      format: formatBytes,
      series: [
        { label: 'Bytes in', values: column((d) => d.bytesIn, true), ...a },
        { label: 'Bytes out', values: column((d) => d.bytesOut, true), ...b },
      ],
    },
    {
      caption: 'Processing time per day',
      description: `Line chart of processing time per day ${span}, in milliseconds: ${formatMs(m.averageProcessingMs)} on average and ${formatMs(m.p95ProcessingMs)} at the 95th percentile over the period.`,
      days,
      format: formatMs,
      series: [
        { label: 'Average', values: column((d) => d.averageProcessingMs, false), ...a },
        { label: 'p95', values: column((d) => d.p95ProcessingMs, false), ...c },
      ],
    },
    {
      caption: 'Rejection rate per day',
      description: `Line chart of the rejection rate per day ${span}, rejected out of processed, rejected and failed: ${m.rejectionRate == null ? 'none finished' : formatPercent(m.rejectionRate, 1)} over the period.`,
      days,
      format: (v) => formatPercent(v, 1),
      series: [{ label: 'Rejection rate', values: column(rate, false), ...c }],
    },
  ];
}

/** Not a time series: a table with a bar per reason, so it reads as text and as a chart. */
function FailureReasons({ metrics }: { metrics: MetricsData }) {
  const reasons = metrics.failureReasons;
  const most = Math.max(1, ...reasons.map((r) => r.count));
  const all = reasons.reduce((sum, r) => sum + r.count, 0);
  return (
    <figure className="chart failure-reasons">
      <figcaption>Failure reasons</figcaption>
      {reasons.length === 0 ? (
        <p className="muted">No rejections or failures in this period.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Reason</th>
              <th scope="col" className="number">
                Images
              </th>
              <th scope="col">Share</th>
            </tr>
          </thead>
          <tbody>
            {reasons.map((r) => (
              <tr key={r.code}>
                <th scope="row">
                  <code>{r.code}</code>
                </th>
                <td className="number">{formatCount(r.count)}</td>
                <td className="bar-cell">
                  {/* The bar is relative to the most frequent reason; the text says the share. */}
                  <span>
                    <span className="bar" aria-hidden="true">
                      <span style={{ width: `${(r.count / most) * 100}%` }} />
                    </span>
                    {formatPercent(r.count / all)}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </figure>
  );
}

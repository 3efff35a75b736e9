/**
 * A daily time series drawn with uPlot (canvas), as a figure: the caption, the plot (role="img",
 * described in words for screen readers) with uPlot's legend, and the same numbers as a table.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  /** One per day of the chart; null where there is no value (a gap, not a zero). */
  values: (number | null)[];
  colour: string;
  /** A dash pattern, so series differ by more than colour. */
  dash?: number[];
}

export interface DailyChart {
  caption: string;
  /** What the chart shows, in words: its accessible name. */
  description: string;
  /** UTC days, YYYY-MM-DD, oldest first. */
  days: string[];
  series: ChartSeries[];
  /** How a value reads on the axis, in the legend and in the table. */
  format: (value: number) => string;
  /** Counts: ticks at whole numbers only. */
  whole?: boolean;
}

/** Tick steps for counts: 1, 2, 5, 10, 20, 50, … */
const WHOLE_STEPS = Array.from({ length: 10 }, (_, e) => [1, 2, 5].map((m) => m * 10 ** e)).flat();

const HEIGHT = 240;
/** Axis labels and grid in the console's ink and line colours (readable on white). */
const AXIS = { stroke: '#1b1e23', grid: { stroke: '#e3e6ea' }, ticks: { stroke: '#d5d9df' } };

const dayOf = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);

/** Draws `chart`; it is redrawn when the object changes, so callers memoize it. */
export function TimeChart({ chart }: { chart: DailyChart }) {
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const { format } = chart;
    const x = chart.days.map((day) => Date.parse(`${day}T00:00:00Z`) / 1000);
    const options: uPlot.Options = {
      width: Math.max(element.clientWidth, 200),
      height: HEIGHT,
      // Days are UTC days: tick labels must not shift by the reader's time zone.
      tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC'),
      scales: {
        x: { time: true },
        // Counts, bytes, times and rates start at zero; a flat zero line still gets an axis.
        y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
      },
      series: [
        { label: 'Day', value: (_u, v) => (v == null ? '—' : dayOf(v)) },
        ...chart.series.map((s) => ({
          label: s.label,
          stroke: s.colour,
          width: 2,
          ...(s.dash ? { dash: s.dash } : {}),
          value: (_u: uPlot, v: number | null) => (v == null ? '—' : format(v)),
        })),
      ],
      axes: [
        AXIS,
        {
          ...AXIS,
          size: 80,
          ...(chart.whole ? { incrs: WHOLE_STEPS } : {}),
          values: (_u, splits) => splits.map((v) => format(v)),
        },
      ],
    };
    const plot = new uPlot(options, [x, ...chart.series.map((s) => s.values)], element);
    // Follow the container's width (a window resize, the layout changing).
    const observer = new ResizeObserver(() => {
      const width = Math.max(element.clientWidth, 200);
      if (width !== plot.width) plot.setSize({ width, height: HEIGHT });
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
  }, [chart]);

  return (
    <figure className="chart">
      <figcaption>{chart.caption}</figcaption>
      <div ref={container} className="chart-plot" role="img" aria-label={chart.description} />
      <DataTable chart={chart} />
    </figure>
  );
}

/** The chart's numbers, for screen readers and anyone who wants them exact; quiet days left out. */
function DataTable({ chart }: { chart: DailyChart }) {
  const rows = chart.days
    .map((day, i) => ({ day, values: chart.series.map((s) => s.values[i] ?? null) }))
    .filter((row) => row.values.some((v) => v != null && v !== 0));
  return (
    <details>
      <summary>Data</summary>
      {rows.length === 0 ? (
        <p className="muted">No activity on any day.</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{chart.caption}, by day</caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                {chart.series.map((s) => (
                  <th scope="col" key={s.label} className="number">
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.day}>
                  <th scope="row">{row.day}</th>
                  {row.values.map((v, i) => (
                    <td key={i} className="number">
                      {v == null ? '—' : chart.format(v)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}

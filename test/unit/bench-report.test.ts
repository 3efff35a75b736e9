import { describe, expect, it } from 'vitest';
import type { OutputSpec } from '../../src/presets/types.js';
import { compareOutputs, comparedOutputs } from '../../scripts/bench/outputs.js';
import { markdownTable, targetsTable } from '../../scripts/bench/report.js';
import {
  describeTarget,
  formatBytes,
  formatValue,
  isMet,
  quantile,
  speedup,
  summarize,
  type Target,
} from '../../scripts/bench/stats.js';

// The benchmark itself is `npm run bench`, not a test; these check the arithmetic its report
// rests on.

describe('bench statistics', () => {
  it('min, median and max of odd and even counts', () => {
    expect(summarize([30, 10, 20])).toEqual({ min: 10, median: 20, max: 30, runs: 3 });
    expect(summarize([4, 1, 3, 2])).toEqual({ min: 1, median: 2.5, max: 4, runs: 4 });
    expect(() => summarize([])).toThrow();
  });

  it('nearest-rank percentiles', () => {
    const values = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(quantile(values, 0.5)).toBe(10);
    expect(quantile(values, 0.95)).toBe(19);
    expect(quantile([7], 0.95)).toBe(7);
  });

  it("a contender taking twice Darkroom's time is a 2× speed-up", () => {
    expect(speedup(500, 250)).toBe(2);
    expect(speedup(90, 100)).toBeCloseTo(0.9);
  });

  it('targets are met, missed or not measured', () => {
    const floor = (value: number | undefined): Target => ({
      what: 'x',
      comparison: '>=',
      threshold: 2,
      value,
      unit: 'ratio',
    });
    expect(isMet(floor(2))).toBe(true);
    expect(isMet(floor(1.99))).toBe(false);
    expect(isMet(floor(undefined))).toBeUndefined();
    expect(isMet({ ...floor(50), comparison: '<', threshold: 50 })).toBe(false);
    expect(isMet({ ...floor(350), comparison: '<=', threshold: 350 })).toBe(true);
  });

  it('formats each unit', () => {
    expect(formatValue(2.345, 'ratio')).toBe('2.35×');
    expect(formatValue(12.34, 'ms')).toBe('12.3 ms');
    expect(formatValue(1234, 'ms')).toBe('1234 ms');
    expect(formatValue(12_345, 'ms')).toBe('12.3 s');
    expect(formatValue(undefined, 'MB')).toBe('n/a');
    expect(formatValue(28.46, 'rate')).toBe('28.5/s');
    expect(formatBytes(1_000_000)).toBe('1000 kB (977 KiB)');
    expect(formatBytes(1_500_000)).toBe('1.50 MB (1.43 MiB)');
    expect(describeTarget({ what: '', comparison: '<', threshold: 50, value: 1, unit: 'ms' })).toBe(
      '< 50.0 ms',
    );
    expect(
      describeTarget({ what: '', comparison: '>=', threshold: 80, value: 1, unit: 'rate' }),
    ).toBe('≥ 80.0/s');
  });
});

describe('bench report', () => {
  it('renders a markdown table, escaping pipes', () => {
    expect(markdownTable({ caption: 'c', head: ['a', 'b'], rows: [['x|y', '1']] })).toBe(
      'c:\n\n| a | b |\n| --- | ---: |\n| x\\|y | 1 |',
    );
  });

  it('the targets table says met or missed', () => {
    const table = targetsTable([
      { what: 'fast', comparison: '>=', threshold: 5, value: 6, unit: 'ratio' },
      { what: 'small', comparison: '<=', threshold: 1e6, value: 2e6, unit: 'bytes' },
    ]);
    expect(table.rows.map((r) => r[3])).toEqual(['met', '**missed**']);
  });
});

describe('bench outputs', () => {
  it('keeps what every contender can make and names what it leaves out', () => {
    const specs: OutputSpec[] = [
      {
        name: 'thumb',
        width: 150,
        height: 150,
        fit: 'cover',
        formats: ['jpeg', 'avif'],
        operations: [{ op: 'crop', smart: true }, { op: 'greyscale' }],
      },
      { name: 'icon', width: 64, height: 64, fit: 'cover', formats: ['png'] },
    ];
    const { outputs, dropped } = comparedOutputs(specs);
    expect(outputs).toEqual([
      {
        name: 'thumb',
        width: 150,
        height: 150,
        fit: 'cover',
        formats: ['jpeg'],
        quality: 80,
        smartCrop: true,
      },
    ]);
    expect(dropped).toEqual(['thumb: avif output', 'thumb: greyscale', 'icon: png output']);
  });

  it('files differing from the reference by more than a pixel are reported', () => {
    const reference = new Map([
      ['a-thumb.jpg', { width: 150, height: 150, format: 'jpeg' }],
      ['a-small.webp', { width: 640, height: 400, format: 'webp' }],
    ]);
    expect(
      compareOutputs(
        reference,
        new Map([
          ['a-thumb.jpg', { width: 149, height: 150, format: 'jpeg' }],
          ['a-small.webp', { width: 640, height: 400, format: 'webp' }],
        ]),
      ),
    ).toEqual([]);
    expect(
      compareOutputs(
        reference,
        new Map([
          ['a-thumb.jpg', { width: 120, height: 150, format: 'png' }],
          ['b.jpg', { width: 1, height: 1, format: 'jpeg' }],
        ]),
      ),
    ).toEqual([
      'a-thumb.jpg: png, not jpeg',
      'a-thumb.jpg: 120×150, not 150×150',
      'a-small.webp: missing',
      'b.jpg: extra',
    ]);
  });
});

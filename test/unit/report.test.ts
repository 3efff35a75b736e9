import { describe, expect, it } from 'vitest';
import { emptyCounters, estimatePercentile, latencyBucket } from '../../src/model/metrics.js';
import { dailyReport } from '../../src/report/summary.js';

describe('the daily report', () => {
  it('reads as a summary of a known day', () => {
    const counters = emptyCounters();
    Object.assign(counters, {
      uploads: 120,
      processed: 100,
      rejected: 5,
      failed: 3,
      bytesIn: 250_000_000,
      bytesInProcessed: 240_000_000,
      bytesOut: 60_000_000,
      facesDetected: 42,
      processingMsSum: 100 * 800,
      processingCount: 100,
      reasons: { MODERATION: 5, CORRUPT: 2, NOT_AN_IMAGE: 1 },
    });
    // 90 images at 250–500 ms and 10 at 2.5–5 s.
    counters.latency[latencyBucket(400)] = 90;
    counters.latency[latencyBucket(3000)] = 10;

    const report = dailyReport('2026-11-24', counters);
    expect(report.subject).toBe('Darkroom 2026-11-24: 100 processed, 5 rejected, 3 failed');
    expect(report.attributes).toEqual({ eventType: 'report.daily', day: '2026-11-24' });
    expect(report.text).toBe(`Darkroom daily report for 2026-11-24 (UTC, all owners)

Uploads requested   120
Processed           100
Rejected            5 (rejection rate 4.6%)
Failed              3
Faces detected      42

Bytes in            250.0 MB
Bytes out           60.0 MB
Bytes saved         180.0 MB (variants are 25.0% of their originals)

Processing time     average 800 ms, p50 389 ms, p95 3,750 ms

Top rejection and failure reasons:
       5  rejected by moderation (MODERATION)
       2  corrupt or unreadable image (CORRUPT)
       1  not a supported image (NOT_AN_IMAGE)
`);
  });

  it('says so when nothing went wrong, and on an empty day', () => {
    const text = dailyReport('2026-11-24', emptyCounters()).text;
    expect(text).toContain('No rejections or failures.');
    expect(text).toContain('average n/a, p50 n/a, p95 n/a');
  });
});

describe('percentile estimates', () => {
  it('interpolate within the bucket holding the rank', () => {
    const latency = emptyCounters().latency;
    latency[latencyBucket(75)] = 50; // 50–100 ms
    latency[latencyBucket(700)] = 50; // 500–1000 ms
    expect(estimatePercentile(latency, 0.5)).toBe(100);
    expect(estimatePercentile(latency, 0.95)).toBe(950);
    expect(estimatePercentile(emptyCounters().latency, 0.5)).toBeNull();
  });

  it('report the lower edge for the open-ended slowest bucket', () => {
    const latency = emptyCounters().latency;
    latency[latencyBucket(90_000)] = 3;
    expect(estimatePercentile(latency, 0.95)).toBe(60_000);
  });
});

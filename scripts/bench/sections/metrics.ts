import pLimit from 'p-limit';
import { loadLocalConfig } from '../../../src/config/local.js';
import type { FailureCode } from '../../../src/model/failure.js';
import { createAwsClients } from '../../../src/storage/clients.js';
import { loadEventsConfig } from '../../../src/config/events.js';
import {
  finishedCounters,
  MetricsTable,
  metricShards,
  utcDay,
  type FinishedImage,
} from '../../../src/table/metrics.js';
import { gql } from '../api-client.js';
import type { BenchContext, SectionResult } from '../section.js';
import { formatMs, minMedian, summarize } from '../stats.js';

const RATIO_LIMIT = 1.2;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Queries per owner per run, after the warm-up; each run's figure is their median. */
const QUERIES = 25;
const WARM_UP = 10;

/** Everything the metrics query offers, per-day series included. */
const METRICS_QUERY = `{ metrics {
  total processed rejected failed reprocessed bytesIn bytesOut bytesSaved compressionRatio
  rejectionRate averageProcessingMs p50ProcessingMs p95ProcessingMs facesDetected
  variantBytes { variant bytes } failureReasons { code count }
  series { date total processed rejected failed bytesIn bytesOut averageProcessingMs }
} }`;

const VARIANTS = [
  'thumb.jpeg',
  'thumb.webp',
  'small.jpeg',
  'small.webp',
  'large.jpeg',
  'large.webp',
];

/** A varied but deterministic finished image: mostly processed, some rejected or failed. */
function finished(i: number): FinishedImage {
  const kind = i % 50;
  if (kind < 3)
    return {
      status: 'REJECTED',
      bytesIn: 900_000,
      variantBytes: {},
      faces: 0,
      reason: 'MODERATION',
      processingMs: 400 + (i % 300),
    };
  if (kind < 5) {
    const reason: FailureCode = kind === 3 ? 'CORRUPT' : 'TOO_MANY_PIXELS';
    return {
      status: 'FAILED',
      bytesIn: 500_000,
      variantBytes: {},
      faces: 0,
      reason,
      processingMs: 20 + (i % 40),
    };
  }
  return {
    status: 'PROCESSED',
    bytesIn: 400_000 + ((i * 7919) % 2_000_000),
    variantBytes: Object.fromEntries(
      VARIANTS.map((v, n) => [v, 4_000 + ((i * 31 + n * 977) % 120_000)]),
    ),
    faces: i % 3,
    processingMs: 80 + ((i * 37) % 1_500),
  };
}

/**
 * The metrics query for an owner with 100 images recorded and one with 10,000: the counters are
 * per day and in total, so the query should cost the same whatever the number of images.
 */
export async function metricsSection(ctx: BenchContext): Promise<SectionResult> {
  const stack = await ctx.stack();
  const local = loadLocalConfig({});
  const { dynamo } = createAwsClients(
    { AWS_REGION: local.AWS_REGION, DYNAMODB_ENDPOINT: stack.dynamodbEndpoint },
    { s3: stack.s3Credentials, dynamo: stack.dynamodbCredentials },
  );
  // The stack's own shard settings (the defaults), so its API reads what is written here.
  const events = loadEventsConfig({ TABLE_NAME: local.TABLE_NAME });
  const table = new MetricsTable(dynamo, local.TABLE_NAME, metricShards(events));
  const sizes = [100, ctx.options.quick ? 2_000 : 10_000];
  const owners = sizes.map((n) => `bench-metrics-${n}`);

  // Recorded through the events handler's own counting path (MetricsTable.count, one
  // transaction per finished image), spread over the last 30 days as a month of use would be.
  const now = Date.now();
  const limit = pLimit(32);
  const recording: string[] = [];
  for (const [k, n] of sizes.entries()) {
    const started = performance.now();
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        limit(() =>
          table.count({
            imageId: `${owners[k]}-${i}`,
            name: 'finished#0',
            owner: owners[k]!,
            at: new Date(now - (i % 30) * DAY_MS),
            counters: finishedCounters(finished(i)),
          }),
        ),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    recording.push(`${n.toLocaleString('en')} images recorded in ${seconds.toFixed(1)} s`);
    ctx.log(`  metrics: ${recording.at(-1)}`);
  }
  const query = async (owner: string) => {
    const started = performance.now();
    const { metrics } = await gql<{
      metrics: { processed: number; rejected: number; failed: number };
    }>(stack.graphqlUrl, owner, METRICS_QUERY);
    return {
      ms: performance.now() - started,
      finished: metrics.processed + metrics.rejected + metrics.failed,
    };
  };
  // The table reads alone, as the resolver makes them: where the time goes if the two differ.
  const from = utcDay(new Date(now - 29 * DAY_MS));
  const to = utcDay(new Date(now));
  const read = async (owner: string) => {
    const started = performance.now();
    const [days] = await Promise.all([table.readDays(owner, from, to), table.readTotals(owner)]);
    return { ms: performance.now() - started, items: days.length + 1 };
  };
  for (let i = 0; i < WARM_UP; i++) {
    for (const owner of owners) {
      await query(owner);
      await read(owner);
    }
  }

  const perRun: number[][] = sizes.map(() => []);
  const readsPerRun: number[][] = sizes.map(() => []);
  const items = sizes.map(() => 0);
  const counted = sizes.map(() => 0);
  for (let run = 1; run <= ctx.options.runs; run++) {
    const samples: number[][] = sizes.map(() => []);
    const reads: number[][] = sizes.map(() => []);
    // Taking turns, so that a busy moment weighs on both alike.
    for (let q = 0; q < QUERIES; q++) {
      for (const [k, owner] of owners.entries()) {
        const { ms, finished: n } = await query(owner);
        samples[k]!.push(ms);
        counted[k] = n;
        const direct = await read(owner);
        reads[k]!.push(direct.ms);
        items[k] = direct.items;
      }
    }
    samples.forEach((s, k) => perRun[k]!.push(summarize(s).median));
    reads.forEach((s, k) => readsPerRun[k]!.push(summarize(s).median));
    ctx.log(
      `  metrics: run ${run}/${ctx.options.runs}: ${perRun.map((r) => formatMs(r.at(-1)!)).join(' vs ')}`,
    );
  }
  dynamo.destroy();
  const summaries = perRun.map(summarize);
  const readSummaries = readsPerRun.map(summarize);
  const ratio = summaries[1]!.median / summaries[0]!.median;
  const readRatio = readSummaries[1]!.median / readSummaries[0]!.median;
  return {
    id: 'metrics',
    title: `Metrics query: ${sizes[0]!.toLocaleString('en')} images against ${sizes[1]!.toLocaleString('en')}`,
    method: [
      `Two owners on one embedded default (DynamoDB Local), one with ${sizes[0]!.toLocaleString('en')} finished images recorded and one with ${sizes[1]!.toLocaleString('en')}, through MetricsTable.count (the events handler's path, one transaction each), spread over the last 30 days. The GraphQL \`metrics\` query (every field, the 30-day series included) over HTTP through the local API Gateway, ${WARM_UP} warm-up rounds, then per run ${QUERIES} queries per owner taking turns; a run's figure is the median of its queries.`,
    ],
    tables: [
      {
        caption: `min / median of ${ctx.options.runs} runs`,
        head: [
          'images recorded',
          'counted by the query',
          'metrics query',
          'items read',
          'the table reads alone',
        ],
        rows: sizes.map((n, k) => [
          n.toLocaleString('en'),
          counted[k]!.toLocaleString('en'),
          minMedian(summaries[k]!, formatMs),
          String(items[k]),
          minMedian(readSummaries[k]!, formatMs),
        ]),
      },
    ],
    notes: [
      `${recording.join('; ')}.`,
      `Both owners' queries read ${items.join(' and ')} items. The table reads alone differ ${readRatio.toFixed(2)}× between them (Amazon's DynamoDB Local, which keeps one version of an item however often it is updated).`,
      ...(counted.every((n, k) => n === sizes[k])
        ? []
        : ['The query did not count every recorded image: see the table.']),
    ],
    targets: [
      {
        what: `Metrics query time, ${sizes[1]!.toLocaleString('en')} images ÷ 100`,
        comparison: '<=',
        threshold: RATIO_LIMIT,
        value: ratio,
        unit: 'ratio',
        why:
          readRatio >= 1.2
            ? `the query reads the same ${items.join(' and ')} items either way, and the table reads alone (MetricsTable.readDays + readTotals against DynamoDB Local) differ ${readRatio.toFixed(2)}× between the two owners: the gap is in the emulator's reads, not in what the query asks for`
            : `the query reads the same ${items.join(' and ')} items either way and the table reads alone differ only ${readRatio.toFixed(2)}×; the rest is the noise of a busy machine`,
      },
    ],
  };
}

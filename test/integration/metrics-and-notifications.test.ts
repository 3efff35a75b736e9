import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateUploadDocument,
  ImageResultDocument,
  MetricsDocument,
  MyMetricsDocument,
} from '../../src/client/operations.js';
import { LATENCY_BUCKETS_MS } from '../../src/model/metrics.js';
import type { ImageEvent } from '../../src/notify/event.js';
import type { Announcement, AnnouncementNotifier } from '../../src/notify/notifier.js';
import { createLogger } from '../../src/observability/logger.js';
import { createReportHandler } from '../../src/report/handler.js';
import {
  finishedCounters,
  MetricsTable,
  uploadCounters,
  type FinishedImage,
} from '../../src/table/metrics.js';
import { makeImage } from '../helpers/images.js';
import { startReceiver } from '../helpers/receiver.js';
import { postUpload, startTestStack, type TestStack } from '../helpers/stack.js';

/** A DynamoDB document client on the stack's table that counts the requests it sends. */
function countingClient(stack: TestStack) {
  const base = new DynamoDBClient({
    endpoint: stack.dynamodbEndpoint,
    region: 'us-east-1',
    credentials: stack.dynamodbCredentials,
  });
  const counter = { reads: 0 };
  base.middlewareStack.add(
    (next, context) => (args) => {
      if (
        ['GetItemCommand', 'QueryCommand', 'BatchGetItemCommand', 'ScanCommand'].includes(
          context.commandName ?? '',
        )
      ) {
        counter.reads++;
      }
      return next(args);
    },
    { step: 'initialize', name: 'countReads' },
  );
  return { client: DynamoDBDocumentClient.from(base), counter };
}

/** The bucket (index into the histogram) a value falls in, as the metrics docs define it. */
const bucketOf = (ms: number) => {
  const i = LATENCY_BUCKETS_MS.findIndex((edge) => ms <= edge);
  return i === -1 ? LATENCY_BUCKETS_MS.length : i;
};
const trueQuantile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
};

/** The stack's default shards (METRICS_SHARDS, METRICS_OWNER_SHARDS), as its API reads them. */
const SHARDS = { everyone: 8, owner: 1 };

describe('metrics over a range', () => {
  let stack: TestStack;
  let table: MetricsTable;
  /** Counts as the events handler does: an upload ticket, or a finished run, of a new image. */
  const record = (owner: string, at: Date, image?: FinishedImage) =>
    table.count({
      imageId: randomUUID(),
      name: image ? 'finished#0' : 'upload',
      owner,
      at,
      counters: image ? finishedCounters(image) : uploadCounters(),
    });
  beforeAll(async () => {
    stack = await startTestStack();
    table = new MetricsTable(countingClient(stack).client, 'darkroom', SHARDS);
  });
  afterAll(() => stack?.dispose());

  it('totals, daily series and percentiles match what was recorded across two days', async () => {
    const owner = 'metrics-owner';
    const days = ['2026-03-01', '2026-03-02'];
    // A deterministic spread of outcomes and processing times over two days.
    const images: (FinishedImage & { day: string })[] = [];
    for (let i = 0; i < 40; i++) {
      const status = i % 10 === 0 ? 'FAILED' : i % 7 === 0 ? 'REJECTED' : 'PROCESSED';
      images.push({
        day: days[i % 2]!,
        status,
        bytesIn: 10_000 + i * 100,
        variantBytes: status === 'PROCESSED' ? { 'thumb.jpeg': 500 + i, 'small.webp': 2000 } : {},
        faces: i % 3,
        processingMs: 40 + ((i * 137) % 3000),
        reason: status === 'FAILED' ? 'CORRUPT' : status === 'REJECTED' ? 'MODERATION' : undefined,
      });
    }
    for (const image of images) {
      await record(owner, new Date(`${image.day}T12:00:00Z`));
      await record(owner, new Date(`${image.day}T12:00:00Z`), image);
    }

    const response = await stack.gql(
      MetricsDocument,
      { from: '2026-02-28', to: '2026-03-02' },
      owner,
    );
    expect(response.errors).toBeUndefined();
    const m = response.data!.metrics;

    const count = (status: string, on?: string) =>
      images.filter((i) => i.status === status && (!on || i.day === on)).length;
    const sum = (pick: (i: (typeof images)[number]) => number, on?: string) =>
      images.filter((i) => !on || i.day === on).reduce((s, i) => s + pick(i), 0);
    const out = (i: FinishedImage) => Object.values(i.variantBytes).reduce((s, n) => s + n, 0);
    const processedIn = sum((i) => (i.status === 'PROCESSED' ? i.bytesIn : 0));

    expect(m).toMatchObject({
      from: '2026-02-28',
      to: '2026-03-02',
      total: 40,
      processed: count('PROCESSED'),
      rejected: count('REJECTED'),
      failed: count('FAILED'),
      bytesIn: sum((i) => i.bytesIn),
      bytesOut: sum(out),
      bytesSaved: processedIn - sum(out),
      facesDetected: sum((i) => i.faces),
    });
    expect(m.compressionRatio).toBeCloseTo(sum(out) / processedIn, 10);
    expect(m.rejectionRate).toBeCloseTo(count('REJECTED') / 40, 10);
    expect(m.averageProcessingMs).toBeCloseTo(sum((i) => i.processingMs!) / 40, 10);
    // Estimated percentiles fall in the same histogram bucket as the true ones.
    const times = images.map((i) => i.processingMs!);
    for (const [field, p] of [
      ['p50ProcessingMs', 0.5],
      ['p95ProcessingMs', 0.95],
    ] as const) {
      expect(bucketOf(m[field]!), field).toBe(bucketOf(trueQuantile(times, p)));
    }
    expect(m.failureReasons).toEqual(
      [
        { code: 'MODERATION', count: count('REJECTED') },
        { code: 'CORRUPT', count: count('FAILED') },
      ].sort((a, b) => b.count - a.count),
    );
    expect(m.variantBytes).toEqual([
      { variant: 'small.webp', bytes: sum((i) => i.variantBytes['small.webp'] ?? 0) },
      { variant: 'thumb.jpeg', bytes: sum((i) => i.variantBytes['thumb.jpeg'] ?? 0) },
    ]);
    expect(m.series.map((d) => d.date)).toEqual(days);
    for (const day of m.series) {
      const on = day.date;
      expect(day).toMatchObject({
        total: 20,
        processed: count('PROCESSED', on),
        rejected: count('REJECTED', on),
        failed: count('FAILED', on),
        bytesIn: sum((i) => i.bytesIn, on),
      });
    }

    // Another owner sees none of it; a range without activity is all zeros.
    const other = await stack.gql(
      MetricsDocument,
      { from: '2026-03-01', to: '2026-03-02' },
      'someone-else',
    );
    expect(other.data!.metrics).toMatchObject({ total: 0, series: [] });
  });

  it('reads the same small number of items whatever the number of images', async () => {
    const reads: number[] = [];
    for (const [owner, n] of [
      ['few', 10],
      ['many', 200],
    ] as const) {
      const at = new Date('2026-04-10T08:00:00Z');
      await Promise.all(
        Array.from({ length: n }, (_, i) =>
          record(owner, at, {
            status: 'PROCESSED',
            bytesIn: 1000,
            variantBytes: { 'thumb.jpeg': 100 },
            faces: 0,
            processingMs: i,
          }),
        ),
      );
      const { client, counter } = countingClient(stack);
      const counting = new MetricsTable(client, 'darkroom', SHARDS);
      const daysRead = await counting.readDays(owner, '2026-04-01', '2026-04-30');
      expect(daysRead[0]!.counters.processed).toBe(n);
      await counting.readTotals(owner);
      reads.push(counter.reads);
    }
    expect(reads[0]).toBe(reads[1]);
    expect(reads[0]).toBeLessThanOrEqual(2);
  });

  it('refuses a backwards or over-long range', async () => {
    for (const variables of [
      { from: '2026-03-02', to: '2026-03-01' },
      { from: '2024-01-01', to: '2026-01-01' },
    ]) {
      const response = await stack.gql(MetricsDocument, variables, 'x');
      expect(response.errors![0]!.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'from',
      });
    }
  });

  it('the daily report handler reads one day for everyone and announces the summary', async () => {
    const announced: Announcement[] = [];
    const notifier: AnnouncementNotifier = {
      name: 'collect',
      publish: () => Promise.resolve(),
      announce: (message) => {
        announced.push(message);
        return Promise.resolve();
      },
    };
    const { client, counter } = countingClient(stack);
    const handler = createReportHandler({
      metrics: new MetricsTable(client, 'darkroom', SHARDS),
      notifier,
      logger: createLogger('test'),
      now: () => new Date('2026-03-02T06:00:00Z'),
    });
    const report = await handler();
    // Yesterday of 2026-03-02 is 2026-03-01: half of the 40 images recorded above, for all owners.
    expect(report.subject).toMatch(
      /^Darkroom 2026-03-01: \d+ processed, \d+ rejected, \d+ failed$/,
    );
    expect(report.text).toContain('Uploads requested   20');
    expect(announced).toEqual([report]);
    // One query per shard of the everyone scope.
    expect(counter.reads).toBe(SHARDS.everyone);
  });
});

describe('notifications from the table stream', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let stack: TestStack;
  beforeAll(async () => {
    receiver = await startReceiver([500]); // the first delivery fails and is retried
    stack = await startTestStack({ NOTIFY_WEBHOOK_URL: receiver.url });
  });
  afterAll(async () => {
    await stack?.dispose();
    await receiver?.close();
  });

  async function upload(bytes: Buffer, user: string) {
    const created = await stack.gql(
      CreateUploadDocument,
      { input: { filename: 'n.png', contentType: 'image/png' } },
      user,
    );
    const ticket = created.data!.createUpload;
    expect((await postUpload(ticket, bytes)).status).toBe(204);
    await stack.idle();
    return ticket.imageId;
  }

  it('announces each terminal state once, retrying a failed webhook delivery', async () => {
    const processed = await upload(await makeImage(400, 300, 'png'), 'nina');
    const failed = await upload(randomBytes(500), 'nina');
    const events = receiver.received.map((r) => JSON.parse(r.body) as ImageEvent);
    // Three requests: the failed first delivery, its retry, and the second image's.
    expect(receiver.received).toHaveLength(3);
    expect(events[0]).toEqual(events[1]);
    expect(events.slice(1).map((e) => [e.imageId, e.eventType, e.owner])).toEqual([
      [processed, 'image.processed', 'nina'],
      [failed, 'image.failed', 'nina'],
    ]);
    expect(events[1]).toMatchObject({ width: 400, height: 300 });
    expect(events[1]!.variants).toHaveLength(6);
    expect(events[2]!.reason).toMatch(/not a supported image/);
  });
});

describe('a notification that cannot be delivered', () => {
  let stack: TestStack;
  let attempts = 0;
  beforeAll(async () => {
    stack = await startTestStack(
      { EVENTS_MAX_ATTEMPTS: '3' },
      {
        notifier: {
          name: 'broken',
          publish: () => {
            attempts++;
            return Promise.reject(new Error('SNS is down'));
          },
        },
      },
    );
  });
  afterAll(() => stack?.dispose());

  it('changes nothing about the stored result, counts once, and keeps the record', async () => {
    const created = await stack.gql(CreateUploadDocument, {
      input: { filename: 'x.png', contentType: 'image/png' },
    });
    const ticket = created.data!.createUpload;
    await postUpload(ticket, await makeImage(300, 300, 'png'));
    await stack.idle();
    const image = await stack.gql(ImageResultDocument, { id: ticket.imageId });
    expect(image.data!.image).toMatchObject({ status: 'PROCESSED' });
    expect(image.data!.image!.variants).toHaveLength(6);
    const metrics = await stack.gql(MyMetricsDocument);
    // Counted before the announcement was tried, once, however often the record came back.
    expect(metrics.data!.metrics).toMatchObject({ total: 1, processed: 1 });
    expect(attempts).toBe(3);
    // Given up on after its attempts, the record is kept, as the mapping's DLQ would keep it.
    const failed = (await readFile(join(stack.dataDir, 'events-failed.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { dynamodb: { Keys: { pk: { S: string } } } });
    expect(failed.map((r) => r.dynamodb.Keys.pk.S)).toEqual([`IMG#${ticket.imageId}`]);
  });
});

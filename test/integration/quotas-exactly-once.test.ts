import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEventsConfig } from '../../src/config/events.js';
import { STREAM_FILTER_PATTERNS } from '../../src/events/filter.js';
import { createEventsHandler } from '../../src/events/handler.js';
import { createEventsServices } from '../../src/events/services.js';
import { matchesAny } from '../../src/local/stream-filter.js';
import type { ImageRecord } from '../../src/model/image.js';
import { IMAGE_SK, imagePk } from '../../src/table/layout.js';
import { MetricsTable } from '../../src/table/metrics.js';
import { QuotaTable } from '../../src/table/quotas.js';
import { retryingConflicts } from '../../src/table/requests.js';
import { freshTable } from '../helpers/table.js';

const ID = '7d3f0c1e-2b4a-4c5d-8e9f-0a1b2c3d4e5f';
const OWNER = 'olga';

const pending: ImageRecord = {
  id: ID,
  owner: OWNER,
  status: 'PENDING_UPLOAD',
  filename: 'a.jpg',
  contentType: 'image/jpeg',
  preset: 'default',
  originalKey: `uploads/${ID}`,
  createdAt: '2026-11-30T09:00:00.000Z',
  updatedAt: '2026-11-30T09:00:00.000Z',
  variants: [],
};
const variant = (name: string, bytes: number) => ({
  name,
  key: `variants/${ID}/0/${name}.webp`,
  width: 10,
  height: 10,
  format: 'webp',
  bytes,
});
const claimed: ImageRecord = { ...pending, status: 'PROCESSING', attempts: 1 };
const processed: ImageRecord = {
  ...claimed,
  status: 'PROCESSED',
  bytes: 1000,
  variants: [variant('thumb', 100), variant('small', 200)],
  processedAt: '2026-11-30T09:00:02.000Z',
  updatedAt: '2026-11-30T09:00:02.000Z',
};
// reprocessImage keeps the variants until the new run ends, which replaces them.
const reprocessing: ImageRecord = { ...processed, status: 'PROCESSING', generation: 1 };
const reprocessed: ImageRecord = {
  ...reprocessing,
  status: 'PROCESSED',
  variants: [variant('avatar', 50)],
  processedAt: '2026-11-30T10:00:00.000Z',
  updatedAt: '2026-11-30T10:00:00.000Z',
};

let sequence = 0;
/** A stream record as the table's stream carries it (NEW_AND_OLD_IMAGES). */
function record(
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE',
  oldImage: ImageRecord | undefined,
  newImage: ImageRecord | undefined,
): DynamoDBRecord {
  const item = (image: ImageRecord) =>
    marshall({ ...image, pk: imagePk(image.id), sk: IMAGE_SK }, { removeUndefinedValues: true });
  return {
    eventID: String(++sequence),
    eventName,
    eventSource: 'aws:dynamodb',
    dynamodb: {
      Keys: marshall({ pk: imagePk(ID), sk: IMAGE_SK }),
      ...(oldImage ? { OldImage: item(oldImage) } : {}),
      ...(newImage ? { NewImage: item(newImage) } : {}),
      ApproximateCreationDateTime: Date.parse('2026-11-30T11:00:00Z') / 1000,
      SequenceNumber: String(sequence),
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  } as DynamoDBRecord;
}

describe('stored bytes from the stream, exactly once', () => {
  let table: Awaited<ReturnType<typeof freshTable>>;
  let dynamo: ReturnType<Awaited<ReturnType<typeof freshTable>>['client']>;
  beforeAll(async () => {
    table = await freshTable();
    dynamo = table.client();
  });
  afterAll(async () => {
    dynamo?.destroy();
    await table?.dispose();
  });

  it('a redelivered record, or a whole batch again, changes nothing', async () => {
    const config = loadEventsConfig({ TABLE_NAME: table.tableName, AWS_REGION: 'us-east-1' });
    const handler = createEventsHandler(
      createEventsServices(config, dynamo, {
        telemetry: false,
        notifier: { name: 'none', publish: () => Promise.resolve() },
      }),
    );
    const quotas = new QuotaTable(dynamo, table.tableName);
    const stored = () => quotas.storedBytes(OWNER);
    const deliver = async (...records: DynamoDBRecord[]) => {
      // Only what the stream filter lets through reaches the handler, as on AWS.
      for (const r of records)
        expect(matchesAny(r, STREAM_FILTER_PATTERNS), r.eventName).toBe(true);
      const event: DynamoDBStreamEvent = { Records: records };
      expect((await handler(event)).batchItemFailures).toEqual([]);
    };

    const ticket = record('INSERT', undefined, pending);
    const finished = record('MODIFY', claimed, processed);
    await deliver(ticket, finished);
    expect(await stored()).toBe(1300);
    await deliver(finished);
    await deliver(ticket, finished);
    expect(await stored()).toBe(1300);

    // A reprocess's end: its variants replace the earlier ones (the original stays).
    const rerun = record('MODIFY', reprocessing, reprocessed);
    await deliver(rerun, rerun);
    expect(await stored()).toBe(1050);
    // A later edit of the finished image (same run) holds the same bytes: not a change.
    await deliver(record('MODIFY', reprocessed, { ...reprocessed, warnings: ['noted'] }));
    expect(await stored()).toBe(1050);

    // deleteImage's REMOVE gives back what the image held, once.
    const removed = record('REMOVE', reprocessed, undefined);
    await deliver(removed);
    await deliver(removed, rerun, finished, ticket);
    expect(await stored()).toBe(0);

    // A ticket expiring unused (TTL) held nothing: passed by the filter, counted as nothing.
    const expired = { ...pending, id: ID.replace('7d3f', '8e4a') };
    await deliver({ ...record('REMOVE', expired, undefined), eventID: 'ttl' });
    expect(await stored()).toBe(0);

    // The metrics counted each transition once too; the removal adds to no metric.
    const metrics = new MetricsTable(dynamo, table.tableName, { everyone: 8, owner: 1 });
    expect(await metrics.readTotals(OWNER)).toMatchObject({
      uploads: 1,
      processed: 2,
      reprocessed: 1,
    });
  });
});

describe('transaction conflicts', () => {
  const cancelled = (...codes: string[]) =>
    new TransactionCanceledException({
      message: 'cancelled',
      $metadata: {},
      CancellationReasons: codes.map((Code) => ({ Code })),
    });

  it('are tried again; a failed condition is the caller’s at once', async () => {
    let calls = 0;
    const flaky = () =>
      ++calls < 3
        ? Promise.reject(cancelled('None', 'TransactionConflict'))
        : Promise.resolve('sent');
    expect(await retryingConflicts(flaky)).toBe('sent');
    expect(calls).toBe(3);

    calls = 0;
    const refused = () => {
      calls++;
      return Promise.reject(cancelled('None', 'ConditionalCheckFailed'));
    };
    await expect(retryingConflicts(refused)).rejects.toBeInstanceOf(TransactionCanceledException);
    expect(calls).toBe(1);
  });
});

import { spawn } from 'node:child_process';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import pLimit from 'p-limit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageEvent } from '../../src/notify/event.js';
import { ALL_OWNERS, IMAGE_SK, imagePk } from '../../src/table/layout.js';
import { MetricsTable } from '../../src/table/metrics.js';
import { startReceiver } from '../helpers/receiver.js';
import { freshTable } from '../helpers/table.js';

const IMAGES = 300;

/** Runs test/helpers/events-worker.ts; resolves with how it ended. */
function worker(env: Record<string, string>) {
  // tsx as a loader, not its CLI: the worker is then this very process, and SIGKILL kills it.
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/events-worker.ts'], {
    env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'CRITICAL', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
}

describe('an events handler killed mid-batch', () => {
  let table: Awaited<ReturnType<typeof freshTable>>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    table = await freshTable();
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await table?.dispose();
    await receiver?.close();
  });

  it('loses no count and doubles none when started again', async () => {
    // 300 images, each a ticket (INSERT) and then a processed run (MODIFY): 600 transitions,
    // written as the API and the processor write them.
    const dynamo = table.client();
    const limit = pLimit(20);
    const base = (i: number) => ({
      pk: imagePk(`img-${i}`),
      sk: IMAGE_SK,
      id: `img-${i}`,
      owner: `owner-${i % 3}`,
      filename: `${i}.jpg`,
      contentType: 'image/jpeg',
      preset: 'default',
      originalKey: `uploads/img-${i}`,
      createdAt: '2026-11-30T09:00:00.000Z',
      updatedAt: '2026-11-30T09:00:00.000Z',
      variants: [],
    });
    await Promise.all(
      Array.from({ length: IMAGES }, (_, i) =>
        limit(async () => {
          const put = (Item: Record<string, unknown>) =>
            dynamo.send(new PutCommand({ TableName: table.tableName, Item }));
          await put({ ...base(i), status: 'PENDING_UPLOAD' });
          await put({
            ...base(i),
            status: 'PROCESSED',
            bytes: 1000 + i,
            processedAt: '2026-11-30T09:00:01.000Z',
            timings: { totalMs: 100 + i },
            variants: [
              { name: 'thumb', key: `v/${i}`, width: 1, height: 1, format: 'webp', bytes: 10 },
            ],
          });
        }),
      ),
    );

    const env = {
      TABLE_NAME: table.tableName,
      AWS_REGION: 'us-east-1',
      DYNAMODB_ENDPOINT: table.endpoint,
      NOTIFY_WEBHOOK_URL: receiver.url,
      WORKER_KEY_ID: table.credentials.accessKeyId,
      WORKER_STREAM_ARN: table.streamArn,
      WORKER_DIR: table.directory,
    };
    const metrics = new MetricsTable(dynamo, table.tableName, { everyone: 8, owner: 1 });
    const counted = async () => {
      const totals = await metrics.readTotals(ALL_OWNERS);
      return totals.uploads + totals.processed;
    };

    // The first worker dies (SIGKILL) once 250 transitions are counted, mid-way through a batch
    // of 100 with other transactions and announcements in flight.
    expect(await worker({ ...env, KILL_AFTER: '250' })).toEqual({ code: null, signal: 'SIGKILL' });
    const afterKill = await counted();
    expect(afterKill).toBeGreaterThanOrEqual(250);
    expect(afterKill).toBeLessThan(2 * IMAGES);

    // The next one starts from the last checkpoint: the interrupted batch is delivered again.
    expect(await worker({ ...env, EXIT_WHEN_DRAINED: '1' })).toEqual({ code: 0, signal: null });
    const totals = await metrics.readTotals(ALL_OWNERS);
    expect(totals).toMatchObject({
      uploads: IMAGES,
      processed: IMAGES,
      bytesIn: Array.from({ length: IMAGES }, (_, i) => 1000 + i).reduce((a, b) => a + b, 0),
      processingCount: IMAGES,
    });
    for (let o = 0; o < 3; o++) {
      expect((await metrics.readTotals(`owner-${o}`)).processed).toBe(IMAGES / 3);
    }

    // Every finished image announced; only those in flight at the kill can be announced twice
    // (published, then killed before the mark was written).
    const announced = receiver.received.map((r) => (JSON.parse(r.body) as ImageEvent).imageId);
    expect(new Set(announced).size).toBe(IMAGES);
    expect(announced.length - IMAGES).toBeLessThanOrEqual(100);
    dynamo.destroy();
  }, 180_000);
});

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeChaos } from '../helpers/chaos.js';
import { ImageClaims } from '../../src/table/claims.js';
import { runLoad } from '../../scripts/load/run.js';
import {
  CreateUploadDocument,
  ImageResultDocument,
  MyMetricsDocument,
} from '../../src/client/operations.js';
import { makeImage } from '../helpers/images.js';
import {
  postUpload,
  startTestStack,
  type TestStack,
  type Ticket,
  variantKeys,
} from '../helpers/stack.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The claims as another worker would reach them, for playing a worker that dies. */
function claimsOf(stack: TestStack) {
  const dynamo = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      region: 'us-east-1',
      endpoint: stack.dynamodbEndpoint,
      credentials: stack.dynamodbCredentials,
    }),
  );
  return { dynamo, claims: new ImageClaims(dynamo, 'darkroom') };
}

async function upload(stack: TestStack, user: string): Promise<{ ticket: Ticket; size: number }> {
  const bytes = await makeImage(800, 600, 'jpeg');
  const created = await stack.gql(
    CreateUploadDocument,
    { input: { filename: 'photo.jpg', contentType: 'image/jpeg' } },
    user,
  );
  const ticket = created.data!.createUpload;
  expect((await postUpload(ticket, bytes)).status).toBe(204);
  return { ticket, size: bytes.length };
}

describe('a processor killed mid-image', () => {
  let stack: TestStack;
  let clockOffsetMs = 0;
  /** Runs the sweep as if `minutes` had passed. */
  const sweepLater = async (minutes: number) => {
    clockOffsetMs = minutes * 60_000;
    try {
      return await stack.sweep();
    } finally {
      clockOffsetMs = 0;
    }
  };
  beforeAll(async () => {
    // Deliveries are the test's to make; the sweep timer is kept out of the way.
    stack = await startTestStack(
      { SWEEP_INTERVAL_SECONDS: '3600' },
      { autoProcess: false, now: () => new Date(Date.now() + clockOffsetMs) },
    );
  });
  afterAll(() => stack?.dispose());

  it('keeps the image from others until its lease runs out, then the sweep finishes it once', async () => {
    const { dynamo, claims } = claimsOf(stack);
    const { ticket } = await upload(stack, 'kim');

    // A worker claims the image for 1 s and dies without a word.
    const dead = await claims.claim(ticket.imageId, 'dead-worker', new Date(), 1);
    expect(dead && 'record' in dead && dead.record.status).toBe('PROCESSING');

    // While the lease holds, neither a redelivery nor the sweep may take the image over.
    expect(await stack.sweep()).toEqual([]);
    const status = async () =>
      (await stack.gql(ImageResultDocument, { id: ticket.imageId }, 'kim')).data!.image!.status;
    expect(await status()).toBe('PROCESSING');

    await sleep(2100); // lease seconds are whole: past the next second boundary
    const swept = await stack.sweep();
    expect(swept).toEqual([
      expect.objectContaining({
        outcome: 'finished',
        imageId: ticket.imageId,
        status: 'PROCESSED',
      }),
    ]);
    expect(await status()).toBe('PROCESSED');
    expect(await variantKeys(stack, ticket.imageId)).toHaveLength(6);
    // Finished images leave the lease index: the next sweep has nothing to do.
    expect(await stack.sweep()).toEqual([]);

    await stack.idle();
    const { metrics } = (await stack.gql(MyMetricsDocument, {}, 'kim')).data!;
    expect(metrics).toMatchObject({ total: 1, processed: 1, failed: 0 });
    dynamo.destroy();
  });

  it('fails an image whose every claim was cut short once MAX_ATTEMPTS claims have run out', async () => {
    const { dynamo, claims } = claimsOf(stack);
    const { ticket, size } = await upload(stack, 'oom');
    // Five workers (MAX_ATTEMPTS) take it in turn, each killed (out of memory, say) mid-image.
    const start = Date.now();
    for (let i = 0; i < 5; i++) {
      const dead = await claims.claim(ticket.imageId, `dead-${i}`, new Date(start + i * 10_000), 1);
      expect(dead && 'record' in dead).toBe(true);
    }
    // The next sweep does not try a sixth time: the image ends FAILED, with the reason.
    const swept = await sweepLater(30);
    expect(swept).toEqual([
      expect.objectContaining({
        outcome: 'finished',
        imageId: ticket.imageId,
        status: 'FAILED',
        error: expect.stringContaining('stopped before finishing 5 times') as string,
      }),
    ]);
    const image = (await stack.gql(ImageResultDocument, { id: ticket.imageId }, 'oom')).data!
      .image!;
    expect(image).toMatchObject({ status: 'FAILED', errorCode: 'INTERNAL', bytes: size });
    expect(await sweepLater(30)).toEqual([]);
    await stack.idle();
    const { metrics } = (await stack.gql(MyMetricsDocument, {}, 'oom')).data!;
    expect(metrics).toMatchObject({ total: 1, processed: 0, failed: 1 });
    dynamo.destroy();
  });

  it('takes the sweep’s batch from every lease shard, so one full shard starves no other', async () => {
    const { dynamo, claims } = claimsOf(stack);
    const item = (id: string, shard: number) => ({
      pk: `IMG#${id}`,
      sk: 'IMAGE',
      leasePk: `LEASE#${shard}`,
      leaseUntil: 0,
    });
    const crowd = Array.from({ length: 12 }, (_, i) => item(`crowd-${i}`, 0));
    const alone = item('alone', 5);
    for (const entry of [...crowd, alone]) {
      await dynamo.send(new PutCommand({ TableName: 'darkroom', Item: entry }));
    }
    try {
      const due = await claims.expiredClaims(new Date(), 5);
      expect(due).toHaveLength(5);
      expect(due).toContain('alone');
    } finally {
      for (const entry of [...crowd, alone]) {
        await dynamo.send(
          new DeleteCommand({ TableName: 'darkroom', Key: { pk: entry.pk, sk: entry.sk } }),
        );
      }
      dynamo.destroy();
    }
  });

  it('finishes an upload whose every delivery failed, once its ticket is past due', async () => {
    const { ticket } = await upload(stack, 'lee'); // and no event is ever delivered
    expect(await stack.sweep()).toEqual([]); // the ticket is still within its upload window

    // Half an hour on: past the 15-minute ticket and the sweep's 5-minute grace.
    const swept = await sweepLater(30);
    expect(swept).toEqual([
      expect.objectContaining({
        outcome: 'finished',
        imageId: ticket.imageId,
        status: 'PROCESSED',
      }),
    ]);
    expect(await variantKeys(stack, ticket.imageId)).toHaveLength(6);
  });

  it('drops a ticket whose upload never arrived from the sweep without failing it', async () => {
    const created = await stack.gql(
      CreateUploadDocument,
      { input: { filename: 'never.jpg', contentType: 'image/jpeg' } },
      'lee',
    );
    const id = created.data!.createUpload.imageId;
    expect(await sweepLater(30)).toEqual([
      expect.objectContaining({ outcome: 'skipped', imageId: id, reason: 'upload never arrived' }),
    ]);
    expect(await sweepLater(30)).toEqual([]);
    const image = await stack.gql(ImageResultDocument, { id }, 'lee');
    expect(image.data!.image!.status).toBe('PENDING_UPLOAD');
  });
});

// A fifth of the chaos run (test/load/chaos.test.ts, `npm run test:load`, has the 1,000).
describeChaos(200);

describe('load on the embedded default', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack?.dispose());

  it('100 uploads at 20 at a time: none lost, all counted', async () => {
    const report = await runLoad({
      url: stack.graphqlUrl,
      images: 100,
      concurrency: 20,
      timeoutMs: 120_000,
      user: 'load',
    });
    expect(report).toMatchObject({
      uploaded: 100,
      refused: 0,
      lost: 0,
      terminal: { PROCESSED: 100, REJECTED: 0, FAILED: 0 },
      metrics: { total: 100, processed: 100, rejected: 0, failed: 0 },
    });
    expect(report.metrics).toEqual(report.truth);
    expect(report.latencyMs.p95).toBeGreaterThanOrEqual(report.latencyMs.p50);
  }, 180_000);
});

import { randomBytes } from 'node:crypto';
import { DeleteObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHandler } from '../../src/api/handler.js';
import { createApiServices } from '../../src/api/services.js';
import {
  CreateUploadDocument,
  DeleteImageDocument,
  ImageResultDocument,
  ImageTransformUrlDocument,
  MyMetricsDocument,
  ReprocessImageDocument,
} from '../../src/client/operations.js';
import { loadApiConfig } from '../../src/config/api.js';
import { ConfigError } from '../../src/config/env.js';
import { createAwsClients } from '../../src/storage/clients.js';
import { MINIMAL_API_ENV } from '../helpers/config.js';
import { makeImage } from '../helpers/images.js';
import {
  postUpload,
  s3ClientOf,
  startTestStack,
  variantKeys,
  type GraphQLResponse,
  type TestStack,
} from '../helpers/stack.js';

const QUOTA = `{ quota {
  uploadsPerDay { name used limit resetsAt }
  storedBytes { name used limit resetsAt }
  rendersPerDay { name used limit resetsAt }
} }`;

interface Usage {
  name: string;
  used: number;
  limit: number | null;
  resetsAt: string | null;
}
type QuotaResult = { quota: Record<'uploadsPerDay' | 'storedBytes' | 'rendersPerDay', Usage> };

const nextMidnight = (at: Date) =>
  new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() + 1)).toISOString();

/** An API handler on the stack's table with a clock of its own (the stack's runs on real time). */
function apiAt(stack: TestStack, now: () => Date, env: Record<string, string>) {
  const config = loadApiConfig({
    ...MINIMAL_API_ENV,
    TABLE_NAME: 'darkroom',
    ORIGINALS_BUCKET: 'darkroom-originals',
    VARIANTS_BUCKET: 'darkroom-variants',
    DYNAMODB_ENDPOINT: stack.dynamodbEndpoint,
    S3_ENDPOINT: stack.s3Endpoint,
    ...env,
  });
  // S3 only signs the presigned POST here; nothing is sent to it.
  const clients = createAwsClients(config, {
    s3: { accessKeyId: 'unused', secretAccessKey: 'unused' },
    dynamo: stack.dynamodbCredentials,
  });
  const handler = createApiHandler({ ...createApiServices(config, clients), now });
  return async <T>(query: string, variables: Record<string, unknown>, user: string) => {
    const event = {
      version: '2.0',
      routeKey: 'POST /graphql',
      rawPath: '/graphql',
      rawQueryString: '',
      headers: { 'content-type': 'application/json' },
      requestContext: {
        http: { method: 'POST', path: '/graphql', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1' },
        authorizer: { jwt: { claims: { sub: user }, scopes: [] } },
      },
      body: JSON.stringify({ query, variables }),
      isBase64Encoded: false,
    } as unknown as APIGatewayProxyEventV2;
    const result = (await handler(event, {} as Context, () => undefined)) as
      APIGatewayProxyStructuredResultV2 | undefined;
    return JSON.parse(result!.body!) as GraphQLResponse<T>;
  };
}

describe('settings', () => {
  it('take a whole number or `unlimited`, and refuse anything else naming the setting', () => {
    const config = loadApiConfig({
      ...MINIMAL_API_ENV,
      QUOTA_UPLOADS_PER_DAY: '20',
      QUOTA_STORED_BYTES: 'Unlimited',
    });
    expect(config.QUOTA_UPLOADS_PER_DAY).toBe(20);
    expect(config.QUOTA_STORED_BYTES).toBeNull();
    // Finite defaults: a stack nobody configured still has limits.
    expect(loadApiConfig(MINIMAL_API_ENV)).toMatchObject({
      QUOTA_UPLOADS_PER_DAY: 1000,
      QUOTA_STORED_BYTES: 10 * 1024 ** 3,
      QUOTA_RENDERS_PER_DAY: 10_000,
    });
    for (const bad of ['0', '-5', '2.5', 'lots', '1e3']) {
      expect(() => loadApiConfig({ ...MINIMAL_API_ENV, QUOTA_RENDERS_PER_DAY: bad })).toThrow(
        ConfigError,
      );
      expect(() => loadApiConfig({ ...MINIMAL_API_ENV, QUOTA_RENDERS_PER_DAY: bad })).toThrow(
        `QUOTA_RENDERS_PER_DAY: expected a whole number greater than 0, or unlimited for no limit (got "${bad}")`,
      );
    }
  });
});

describe('uploads per day', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ QUOTA_UPLOADS_PER_DAY: '20' });
  });
  afterAll(() => stack?.dispose());

  const ticket = (user: string) =>
    stack.gql(
      CreateUploadDocument,
      { input: { filename: 'a.jpg', contentType: 'image/jpeg' } },
      user,
    );

  it('50 tickets asked for at once against a quota of 20: exactly 20 issued', async () => {
    const answers = await Promise.all(Array.from({ length: 50 }, () => ticket('uma')));
    const issued = answers.filter((a) => a.data?.createUpload);
    const refused = answers.filter((a) => a.errors);
    expect(issued).toHaveLength(20);
    expect(refused).toHaveLength(30);
    const resetsAt = nextMidnight(new Date());
    for (const answer of refused) {
      expect(answer.data).toBeNull();
      expect(answer.errors![0]!.extensions).toEqual({
        code: 'QUOTA_EXCEEDED',
        quota: 'UPLOADS_PER_DAY',
        limit: 20,
        used: 20,
        resetsAt,
      });
      expect(answer.errors![0]!.message).toBe(
        `Quota exceeded: 20 of 20 uploads per day (UTC) used; more from ${resetsAt}.`,
      );
    }

    // Nothing written for a refusal: 20 records, 20 tickets counted.
    const quota = await stack.gql<QuotaResult>(QUOTA, {}, 'uma');
    expect(quota.data!.quota.uploadsPerDay).toEqual({
      name: 'UPLOADS_PER_DAY',
      used: 20,
      limit: 20,
      resetsAt,
    });
    const listed = await stack.gql<{ images: { edges: unknown[] } }>(
      '{ images(first: 100) { edges { node { id } } } }',
      {},
      'uma',
    );
    expect(listed.data!.images.edges).toHaveLength(20);
    await stack.idle();
    expect((await stack.gql(MyMetricsDocument, {}, 'uma')).data!.metrics.total).toBe(20);

    // Another owner's quota is their own.
    expect((await ticket('vic')).data?.createUpload.imageId).toBeDefined();
  });

  it('counts again from 0 on the next UTC day', async () => {
    const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000);
    const api = apiAt(stack, () => tomorrow, { QUOTA_UPLOADS_PER_DAY: '20' });
    const created = await api<{ createUpload: { imageId: string } }>(
      'mutation($input: CreateUploadInput!) { createUpload(input: $input) { imageId } }',
      { input: { filename: 'b.jpg', contentType: 'image/jpeg' } },
      'uma',
    );
    expect(created.errors).toBeUndefined();
    const then = await api<QuotaResult>(QUOTA, {}, 'uma');
    expect(then.data!.quota.uploadsPerDay).toMatchObject({
      used: 1,
      resetsAt: nextMidnight(tomorrow),
    });
    // Today is still used up.
    expect((await ticket('uma')).errors![0]!.extensions!.code).toBe('QUOTA_EXCEEDED');
  });
});

describe('stored bytes', () => {
  let stack: TestStack;
  beforeAll(async () => {
    // 1 byte: the first image fills it; uploads per day off, to show `unlimited` in `quota`.
    stack = await startTestStack({ QUOTA_STORED_BYTES: '1', QUOTA_UPLOADS_PER_DAY: 'unlimited' });
  });
  afterAll(() => stack?.dispose());

  const ticket = (user = 'sam') =>
    stack.gql(
      CreateUploadDocument,
      { input: { filename: 'p.png', contentType: 'image/png' } },
      user,
    );
  const stored = async (user = 'sam') =>
    (await stack.gql<QuotaResult>(QUOTA, {}, user)).data!.quota.storedBytes;

  /** What the image holds in S3: its original and every variant object, by HeadObject. */
  async function bytesInS3(id: string): Promise<number> {
    const s3 = s3ClientOf(stack);
    try {
      const keys = [
        ['darkroom-originals', `uploads/${id}`],
        ...(await variantKeys(stack, id)).map((key) => ['darkroom-variants', key]),
      ];
      const sizes = await Promise.all(
        keys.map(
          async ([Bucket, Key]) =>
            (await s3.send(new HeadObjectCommand({ Bucket, Key }))).ContentLength ?? 0,
        ),
      );
      return sizes.reduce((a, b) => a + b, 0);
    } finally {
      s3.destroy();
    }
  }

  /** What the image's record says it holds: the original's bytes plus its variants'. */
  async function bytesOfRecord(id: string): Promise<number> {
    const image = (await stack.gql(ImageResultDocument, { id }, 'sam')).data!.image!;
    return (image.bytes ?? 0) + image.variants.reduce((sum, v) => sum + v.bytes, 0);
  }

  it('count originals and variants, kept originals of failed images, reprocessing and deletes', async () => {
    // Both tickets while nothing is stored yet (tickets in flight reserve nothing).
    const first = (await ticket()).data!.createUpload;
    const second = (await ticket()).data!.createUpload;
    expect((await postUpload(first, await makeImage(640, 480, 'png'))).status).toBe(204);
    const junk = randomBytes(700);
    expect((await postUpload(second, junk)).status).toBe(204);
    await stack.idle();
    const processed = (await stack.gql(ImageResultDocument, { id: first.imageId }, 'sam')).data!
      .image!;
    expect(processed.status).toBe('PROCESSED');
    expect(processed.variants.length).toBeGreaterThan(0);
    const failed = (await stack.gql(ImageResultDocument, { id: second.imageId }, 'sam')).data!
      .image!;
    expect(failed.status).toBe('FAILED');

    // A FAILED image keeps its original (for a reprocess), so it counts.
    const a = await bytesInS3(first.imageId);
    const b = await bytesInS3(second.imageId);
    expect(b).toBe(junk.length);
    expect(await bytesOfRecord(first.imageId)).toBe(a);
    expect(await stored()).toEqual({ name: 'STORED_BYTES', used: a + b, limit: 1, resetsAt: null });
    expect((await stored('tess')).used).toBe(0);

    // At or over the limit: no ticket, and the refusal says what is stored.
    const refused = await ticket();
    expect(refused.data).toBeNull();
    expect(refused.errors![0]!.extensions).toEqual({
      code: 'QUOTA_EXCEEDED',
      quota: 'STORED_BYTES',
      limit: 1,
      used: a + b,
    });
    expect(refused.errors![0]!.message).toMatch(/delete images to make room/);
    const uploads = (await stack.gql<QuotaResult>(QUOTA, {}, 'sam')).data!.quota.uploadsPerDay;
    expect(uploads).toMatchObject({ used: 2, limit: null }); // the refusal charged nothing

    // A reprocess replaces the variants: the difference is counted.
    const reprocessed = await stack.gql(
      ReprocessImageDocument,
      { id: first.imageId, preset: 'avatar' },
      'sam',
    );
    expect(reprocessed.errors).toBeUndefined();
    await stack.idle();
    const a2 = await bytesInS3(first.imageId);
    expect(a2).not.toBe(a);
    expect(await bytesOfRecord(first.imageId)).toBe(a2);
    expect((await stored()).used).toBe(a2 + b);

    // Deletes give back exactly what each held; with nothing stored, tickets again.
    await stack.gql(DeleteImageDocument, { id: first.imageId }, 'sam');
    await stack.idle();
    expect((await stored()).used).toBe(b);
    await stack.gql(DeleteImageDocument, { id: second.imageId }, 'sam');
    await stack.idle();
    expect((await stored()).used).toBe(0);
    expect((await ticket()).data?.createUpload.imageId).toBeDefined();
  });
});

describe('on-demand renders per day', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ QUOTA_RENDERS_PER_DAY: '2' });
  });
  afterAll(() => stack?.dispose());

  async function upload(user: string) {
    const ticket = (
      await stack.gql(
        CreateUploadDocument,
        { input: { filename: 'r.png', contentType: 'image/png' } },
        user,
      )
    ).data!.createUpload;
    expect((await postUpload(ticket, await makeImage(800, 600, 'png'))).status).toBe(204);
    await stack.idle();
    return ticket.imageId;
  }
  const urlOf = async (id: string, width: number, user = 'rita') =>
    (await stack.gql(ImageTransformUrlDocument, { id, width, format: 'WEBP' }, user)).data!.image!
      .transformUrl!;
  const renders = async (user = 'rita') =>
    (await stack.gql<QuotaResult>(QUOTA, {}, user)).data!.quota.rendersPerDay;

  it('charge first renders only, give back one not delivered, and answer 429 beyond the limit', async () => {
    const id = await upload('rita');
    expect(await renders()).toMatchObject({
      used: 0,
      limit: 2,
      resetsAt: nextMidnight(new Date()),
    });

    // A render that cannot be made (its original is gone) is not charged.
    const orphan = await upload('rita');
    const s3 = s3ClientOf(stack);
    await s3.send(
      new DeleteObjectCommand({ Bucket: 'darkroom-originals', Key: `uploads/${orphan}` }),
    );
    s3.destroy();
    expect((await fetch(await urlOf(orphan, 120))).status).toBe(404);
    expect((await renders()).used).toBe(0);

    const first = await urlOf(id, 100);
    const made = stack.delivery.renders;
    expect((await fetch(first)).status).toBe(200);
    expect((await fetch(await urlOf(id, 200))).status).toBe(200);
    expect(stack.delivery.renders).toBe(made + 2);
    expect((await renders()).used).toBe(2);

    const over = await fetch(await urlOf(id, 300));
    expect(over.status).toBe(429);
    const retryAfter = Number(over.headers.get('retry-after'));
    const untilMidnight = (Date.parse(nextMidnight(new Date())) - Date.now()) / 1000;
    expect(retryAfter).toBeGreaterThan(0);
    expect(Math.abs(retryAfter - untilMidnight)).toBeLessThan(60);
    expect(over.headers.get('cache-control')).toBe('no-store');
    expect(await over.text()).toMatch(
      /^Too Many Requests: .* 2 on-demand renders a day .*again from \d{4}-\d\d-\d\dT00:00:00\.000Z\.$/,
    );
    expect(stack.delivery.renders).toBe(made + 2);

    // What was made is stored, and served without a render.
    expect((await fetch(first)).status).toBe(200);
    expect(stack.delivery.renders).toBe(made + 2);
    expect((await renders()).used).toBe(2);

    // Renders are charged to the image's owner, whoever views it: another owner's are untouched.
    expect((await renders('ruth')).used).toBe(0);
  });
});

import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateUploadDocument, ImageDetailsDocument } from '../../src/client/operations.js';
import type { AnalysisStep } from '../../src/processor/analysis/index.js';
import { CLEAN_SVG, hostileCorpus, SVG_WITH_EXTERNAL_ENTITY } from '../helpers/hostile.js';
import { makeImage } from '../helpers/images.js';
import { postUpload, startTestStack, type TestStack, variantKeys } from '../helpers/stack.js';

async function ticket(stack: TestStack, contentType: string, user = 'mallory') {
  const created = await stack.gql(
    CreateUploadDocument,
    { input: { filename: 'upload', contentType } },
    user,
  );
  expect(created.errors).toBeUndefined();
  return created.data!.createUpload;
}

async function result(stack: TestStack, id: string, user = 'mallory') {
  const response = await stack.gql(ImageDetailsDocument, { id }, user);
  return response.data!.image!;
}

describe('hostile input', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ MAX_FRAMES: '1000', MAX_METADATA_BYTES: String(512 * 1024) });
  });
  afterAll(() => stack?.dispose());

  it('every case ends FAILED with its specific reason, nothing rendered, the processor unharmed', async () => {
    const corpus = await hostileCorpus();
    const tickets = await Promise.all(corpus.map(() => ticket(stack, 'image/jpeg')));
    for (const [i, item] of corpus.entries()) {
      const response = await postUpload(tickets[i]!, item.bytes);
      expect(response.status, item.name).toBe(204);
    }
    await stack.idle();
    for (const [i, item] of corpus.entries()) {
      const image = await result(stack, tickets[i]!.imageId);
      expect({ case: item.name, status: image.status, code: image.errorCode }).toEqual({
        case: item.name,
        status: 'FAILED',
        code: item.code,
      });
      expect(image.error, item.name).toMatch(/\w{4,}/);
      expect(image.error, item.name).not.toContain('\n');
      expect(image.variants).toEqual([]);
    }
    // After all that, an ordinary photo still goes through.
    const fine = await ticket(stack, 'image/png');
    await postUpload(fine, await makeImage(640, 480, 'png'));
    await stack.idle();
    expect((await result(stack, fine.imageId)).status).toBe('PROCESSED');
  });

  it('names the limit a decompression bomb broke', async () => {
    const [, , , , , , bomb] = await hostileCorpus();
    const t = await ticket(stack, 'image/png');
    await postUpload(t, bomb.bytes);
    await stack.idle();
    expect((await result(stack, t.imageId)).error).toBe(
      'image is 100000×100000 (10000 megapixels); the limit is 100 megapixels',
    );
  });

  it('refuses an empty upload at the door, and fails one that got in some other way', async () => {
    const t = await ticket(stack, 'image/png');
    const refused = await postUpload(t, Buffer.alloc(0));
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('EntityTooSmall');

    // Written straight to the bucket (as a misconfigured client with credentials might).
    const s3 = new S3Client({
      region: 'us-east-1',
      endpoint: stack.s3Endpoint,
      forcePathStyle: true,
      credentials: stack.s3Credentials,
    });
    await s3.send(
      new PutObjectCommand({ Bucket: 'darkroom-originals', Key: `uploads/${t.imageId}`, Body: '' }),
    );
    s3.destroy();
    await stack.idle();
    expect(await result(stack, t.imageId)).toMatchObject({ status: 'FAILED', errorCode: 'EMPTY' });
  });

  it('processes a real image declared as another type, and says so', async () => {
    const t = await ticket(stack, 'image/png');
    await postUpload(t, await makeImage(300, 200, 'jpeg'));
    await stack.idle();
    const image = await result(stack, t.imageId);
    expect(image).toMatchObject({ status: 'PROCESSED', format: 'jpeg' });
    expect(image.warnings).toEqual(['declared image/png but the bytes are image/jpeg']);
  });

  it('refuses SVG tickets unless SVG is enabled', async () => {
    const response = await stack.gql(
      CreateUploadDocument,
      { input: { filename: 'a.svg', contentType: 'image/svg+xml' } },
      'mallory',
    );
    expect(response.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });
});

describe('SVG when enabled', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ ALLOW_SVG: 'true' });
  });
  afterAll(() => stack?.dispose());

  it('renders a self-contained drawing and refuses one with an external entity', async () => {
    const clean = await ticket(stack, 'image/svg+xml');
    const hostile = await ticket(stack, 'image/svg+xml');
    await postUpload(clean, CLEAN_SVG);
    await postUpload(hostile, SVG_WITH_EXTERNAL_ENTITY);
    await stack.idle();
    expect(await result(stack, clean.imageId)).toMatchObject({
      status: 'PROCESSED',
      format: 'svg',
      width: 300,
      height: 200,
    });
    const refused = await result(stack, hostile.imageId);
    expect(refused).toMatchObject({ status: 'FAILED', errorCode: 'SUSPICIOUS_CONTENT' });
    expect(refused.error).toMatch(/DOCTYPE or entities/);
  });
});

describe('the processing timeout', () => {
  let stack: TestStack;
  // An analyser that never answers in time stands in for any step that hangs.
  const stuck: AnalysisStep = {
    analyzer: {
      name: 'stuck',
      analyze: () =>
        new Promise((resolve) =>
          setTimeout(() => resolve({ faces: [], moderation: [], labels: [] }), 3000),
        ),
    },
    judge: () => ({ decision: 'ALLOWED', threshold: 0.5, reviewThreshold: 0.5 }),
    longestSide: 512,
  };
  beforeAll(async () => {
    stack = await startTestStack({ PROCESSING_TIMEOUT_SECONDS: '1' }, { analysis: stuck });
  });
  afterAll(() => stack?.dispose());

  it('ends a stuck image FAILED (TIMEOUT) and writes nothing for it afterwards', async () => {
    const t = await ticket(stack, 'image/png');
    await postUpload(t, await makeImage(300, 200, 'png'));
    await stack.idle();
    expect(await result(stack, t.imageId)).toMatchObject({
      status: 'FAILED',
      errorCode: 'TIMEOUT',
    });
    // Give the abandoned work time to finish: it must not add variants to a failed image.
    await new Promise((r) => setTimeout(r, 2500));
    expect((await result(stack, t.imageId)).variants).toEqual([]);
    expect(await variantKeys(stack, t.imageId)).toEqual([]);
  });
});

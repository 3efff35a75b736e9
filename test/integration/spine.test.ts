import { randomBytes } from 'node:crypto';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateUploadInput, ImagesQuery } from '../../src/client/generated/graphql.js';
import {
  CreateUploadDocument,
  ImageDetailsDocument,
  ImagesDocument,
  ImageStatusDocument,
  MetricsDocument,
} from '../../src/client/operations.js';
import { makeImage } from '../helpers/images.js';
import {
  type GraphQLResponse,
  objectCreatedEvent,
  postUpload,
  s3ClientOf,
  startTestStack,
  type TestStack,
  type Ticket,
  variantKeys,
} from '../helpers/stack.js';

const MAX_BYTES = 2 * 1024 * 1024;

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ MAX_UPLOAD_BYTES: String(MAX_BYTES) });
});
afterAll(() => stack?.dispose());

async function ticketFor(user: string, input: CreateUploadInput): Promise<Ticket> {
  const response = await stack.gql(CreateUploadDocument, { input }, user);
  expect(response.errors).toBeUndefined();
  return response.data!.createUpload;
}

/** Ticket, upload, and wait for the processor: what a client does. */
async function upload(user: string, bytes: Buffer, contentType = 'image/jpeg') {
  const ticket = await ticketFor(user, { filename: 'photo.jpg', contentType, bytes: bytes.length });
  const response = await postUpload(ticket, bytes);
  expect(response.status, await response.clone().text()).toBe(204);
  await stack.idle();
  const image = await stack.gql(ImageDetailsDocument, { id: ticket.imageId }, user);
  return { ticket, image: image.data!.image! };
}

describe('one upload travels the whole path', () => {
  it('createUpload → presigned POST → processor → image query → variant downloads', async () => {
    const original = await makeImage(2400, 1600, 'jpeg');
    const { ticket, image } = await upload('alice', original);

    expect(ticket.maxBytes).toBe(MAX_BYTES);
    expect(ticket.fields.map((f) => f.name)).toEqual(
      expect.arrayContaining(['key', 'Policy', 'X-Amz-Signature', 'Content-Type']),
    );
    expect(ticket.fields.find((f) => f.name === 'key')!.value).toBe(`uploads/${ticket.imageId}`);
    const ttl = Date.parse(ticket.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(14 * 60 * 1000);
    expect(ttl).toBeLessThanOrEqual(15 * 60 * 1000);

    expect(image).toMatchObject({
      id: ticket.imageId,
      status: 'PROCESSED',
      filename: 'photo.jpg',
      bytes: original.length,
      width: 2400,
      height: 1600,
      format: 'jpeg',
      error: null,
    });
    expect(image.processedAt).not.toBeNull();
    expect(image.timings!.totalMs).toBeGreaterThanOrEqual(
      image.timings!.decodeMs! + image.timings!.variantsMs!,
    );

    const expected: Record<string, [number, number]> = {
      thumb: [150, 150],
      small: [640, 427],
      large: [1080, 720],
    };
    expect(image.variants).toHaveLength(6);
    for (const variant of image.variants) {
      const download = await fetch(variant.url);
      expect(download.status, variant.url).toBe(200);
      const bytes = Buffer.from(await download.arrayBuffer());
      expect(bytes.length).toBe(variant.bytes);
      const meta = await sharp(bytes).metadata();
      expect(meta.format).toBe(variant.format);
      expect([meta.width, meta.height]).toEqual(expected[variant.name]);
      expect([variant.width, variant.height]).toEqual(expected[variant.name]);
    }
  });

  it('random bytes declared as image/jpeg end FAILED with a readable error and no variants', async () => {
    const { image } = await upload('bob', randomBytes(4096));
    expect(image.status).toBe('FAILED');
    expect(image.error).toMatch(/not a supported image/);
    expect(image.variants).toEqual([]);
    const status = await stack.gql(ImageStatusDocument, { id: image.id }, 'bob');
    expect(status.data!.imageStatus).toMatchObject({ status: 'FAILED', error: image.error });
  });

  it('a truncated JPEG ends FAILED with the decoder’s reason', async () => {
    const whole = await makeImage(800, 600, 'jpeg');
    const { image } = await upload('bob', whole.subarray(0, Math.floor(whole.length / 2)));
    expect(image.status).toBe('FAILED');
    expect(image.error).toMatch(/decod/);
  });
});

describe('createUpload input checks', () => {
  it('refuses an unsupported content type, listing what is accepted, and creates nothing', async () => {
    const before = await stack.gql(MetricsDocument, {}, 'carol');
    const response = await stack.gql(
      CreateUploadDocument,
      { input: { filename: 'doc.pdf', contentType: 'application/pdf' } },
      'carol',
    );
    expect(response.data).toBeNull();
    expect(response.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    for (const type of [
      'image/jpeg',
      'image/png',
      'image/webp',
      'image/gif',
      'image/avif',
      'image/tiff',
    ]) {
      expect(response.errors![0]!.message).toContain(type);
    }
    const list = await stack.gql(ImagesDocument, {}, 'carol');
    expect(list.data!.images.edges).toEqual([]);
    await stack.idle();
    const after = await stack.gql(MetricsDocument, {}, 'carol');
    expect(after.data!.metrics.total).toBe(before.data!.metrics.total);
  });

  it.each([
    [{ filename: '', contentType: 'image/png' }, 'filename'],
    [{ filename: '../../etc/passwd', contentType: 'image/png' }, 'filename'],
    [{ filename: 'a.png', contentType: 'image/png', bytes: MAX_BYTES + 1 }, 'bytes'],
    [{ filename: 'a.png', contentType: 'image/png', preset: 'nope' }, 'preset'],
  ])('refuses %j naming the field', async (input, field) => {
    const response = await stack.gql(CreateUploadDocument, { input }, 'carol');
    expect(response.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});

describe('the presigned POST is enforced on the embedded default', () => {
  it('refuses a file over maxBytes, another content type, or another key, and processes nothing', async () => {
    const ticket = await ticketFor('dave', { filename: 'big.png', contentType: 'image/png' });
    const tooBig = await postUpload(ticket, Buffer.alloc(MAX_BYTES + 1, 1));
    expect(tooBig.status).toBe(400);
    expect(await tooBig.text()).toContain('EntityTooLarge');

    const wrongType = await postUpload(ticket, await makeImage(10, 10, 'png'), {
      'Content-Type': 'text/html',
    });
    expect(wrongType.status).toBe(403);
    const otherKey = await postUpload(ticket, await makeImage(10, 10, 'png'), {
      key: 'uploads/someone-else',
    });
    expect(otherKey.status).toBe(403);
    const forged = await postUpload(ticket, await makeImage(10, 10, 'png'), {
      'X-Amz-Signature': '0'.repeat(64),
    });
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain('SignatureDoesNotMatch');

    await stack.idle();
    const status = await stack.gql(ImageStatusDocument, { id: ticket.imageId }, 'dave');
    expect(status.data!.imageStatus!.status).toBe('PENDING_UPLOAD');
  });
});

describe('listing, metrics and owners', () => {
  it('pages through an owner’s images newest first with cursors', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(
        (await ticketFor('erin', { filename: `p${i}.png`, contentType: 'image/png' })).imageId,
      );
    }
    const seen: string[] = [];
    let after: string | null = null;
    const pages: boolean[] = [];
    do {
      const response: GraphQLResponse<ImagesQuery> = await stack.gql(
        ImagesDocument,
        { first: 2, after },
        'erin',
      );
      const page = response.data!.images;
      seen.push(...page.edges.map((e) => e.node.id));
      pages.push(page.pageInfo.hasNextPage);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual([...ids].reverse());
    expect(pages).toEqual([true, true, false]);
  });

  it('filters by status and refuses bad paging arguments', async () => {
    const processed = await upload('frank', await makeImage(300, 200, 'png'), 'image/png');
    await ticketFor('frank', { filename: 'pending.png', contentType: 'image/png' });
    const list = await stack.gql(ImagesDocument, { status: 'PROCESSED' }, 'frank');
    expect(list.data!.images.edges.map((e) => e.node.id)).toEqual([processed.image.id]);

    for (const variables of [{ first: 0 }, { first: 101 }, { after: 'not-a-cursor' }]) {
      const response = await stack.gql(ImagesDocument, variables, 'frank');
      expect(response.errors![0]!.extensions!.code, JSON.stringify(variables)).toBe(
        'BAD_USER_INPUT',
      );
    }
  });

  it('counts tickets and outcomes per caller', async () => {
    const good = await makeImage(1000, 800, 'webp');
    const a = await upload('grace', good, 'image/webp');
    const b = await upload('grace', await makeImage(500, 500, 'png'), 'image/png');
    const bad = randomBytes(1000);
    await upload('grace', bad);
    await ticketFor('grace', { filename: 'never-sent.png', contentType: 'image/png' });
    await stack.idle(); // counting follows the table's stream

    const { metrics } = (await stack.gql(MetricsDocument, {}, 'grace')).data!;
    const variantBytes = [a, b].flatMap((u) => u.image.variants).reduce((s, v) => s + v.bytes, 0);
    const { total, processed, rejected, failed, bytesIn, bytesOut, facesDetected } = metrics;
    expect({ total, processed, rejected, failed, bytesIn, bytesOut, facesDetected }).toEqual({
      total: 4,
      processed: 2,
      rejected: 0,
      failed: 1,
      bytesIn: a.image.bytes! + b.image.bytes! + bad.length,
      bytesOut: variantBytes,
      facesDetected: 0,
    });
  });

  it('never shows one caller another caller’s image', async () => {
    const { image } = await upload('heidi', await makeImage(200, 200, 'png'), 'image/png');
    const asOther = await stack.gql(ImageDetailsDocument, { id: image.id }, 'ivan');
    expect(asOther.errors).toBeUndefined();
    expect(asOther.data!.image).toBeNull();
    const status = await stack.gql(ImageStatusDocument, { id: image.id }, 'ivan');
    expect(status.data!.imageStatus).toBeNull();
    const list = await stack.gql(ImagesDocument, {}, 'ivan');
    expect(list.data!.images.edges.map((e) => e.node.id)).not.toContain(image.id);
  });
});

describe('at-least-once delivery', () => {
  let manual: TestStack;
  beforeAll(async () => {
    manual = await startTestStack({}, { autoProcess: false });
  });
  afterAll(() => manual?.dispose());

  it('the same event delivered several times, at once and later, yields one result counted once', async () => {
    const bytes = await makeImage(900, 600, 'jpeg');
    const created = await manual.gql(CreateUploadDocument, {
      input: { filename: 'dup.jpg', contentType: 'image/jpeg' },
    });
    const ticket = created.data!.createUpload;
    expect((await postUpload(ticket, bytes)).status).toBe(204);

    const event = objectCreatedEvent(ticket.imageId, bytes);
    const concurrent = await Promise.all([1, 2, 3].map(() => manual.processor(event)));
    const later = await manual.processor(event);
    const outcomes = [...concurrent.flat(), ...later].map((o) => o.outcome);
    expect(outcomes.filter((o) => o === 'finished')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'skipped')).toHaveLength(3);

    expect(await variantKeys(manual, ticket.imageId)).toHaveLength(6);
    await manual.idle(); // counting follows the table's stream

    const { metrics } = (await manual.gql(MetricsDocument)).data!;
    expect(metrics).toMatchObject({ total: 1, processed: 1, failed: 0, bytesIn: bytes.length });
    const list = await manual.gql(ImagesDocument);
    expect(list.data!.images.edges).toHaveLength(1);
  });
});

describe('reads on the embedded default are as private as on S3', () => {
  let shortLived: TestStack;
  beforeAll(async () => {
    shortLived = await startTestStack();
  });
  afterAll(() => shortLived?.dispose());

  it('serves a variant only through its presigned URL, and only until it expires', async () => {
    const bytes = await makeImage(640, 480, 'jpeg');
    const created = await shortLived.gql(CreateUploadDocument, {
      input: { filename: 'p.jpg', contentType: 'image/jpeg' },
    });
    const ticket = created.data!.createUpload;
    expect((await postUpload(ticket, bytes)).status).toBe(204);
    await shortLived.idle();
    // Apps get delivery URLs; a presigned GET is what an operator's tool would use.
    const [key] = await variantKeys(shortLived, ticket.imageId);
    const s3 = s3ClientOf(shortLived);
    const url = new URL(
      await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'darkroom-variants', Key: key }), {
        expiresIn: 2,
      }),
    );
    s3.destroy();

    expect((await fetch(url)).status).toBe(200);
    // Signed for GET: as on S3, the method is part of the signature.
    expect((await fetch(url, { method: 'HEAD' })).status).toBe(403);

    const unsigned = await fetch(`${url.origin}${url.pathname}`);
    expect(unsigned.status).toBe(403);
    expect(await unsigned.text()).toMatch(/<Code>AccessDenied<\/Code>/);

    const otherKey = new URL(url);
    otherKey.pathname = url.pathname.replace(/\/[^/]+$/, '/tampered.jpg');
    const tampered = await fetch(otherKey);
    expect(tampered.status).toBe(403);
    expect(await tampered.text()).toMatch(/<Code>SignatureDoesNotMatch<\/Code>/);

    const longer = new URL(url);
    longer.searchParams.set('X-Amz-Expires', '604800');
    expect((await fetch(longer)).status).toBe(403);

    await new Promise((resolve) => setTimeout(resolve, 3000));
    const expired = await fetch(url);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toMatch(/Request has expired/);
  });
});

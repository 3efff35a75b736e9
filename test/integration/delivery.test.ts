import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateUploadDocument,
  DeleteImageDocument,
  ImageDetailsDocument,
  ImageTransformUrlDocument,
  ReprocessImageDocument,
} from '../../src/client/operations.js';
import { startStack } from '../../src/local/stack.js';
import { formatPath, type DeliveryPath, type Transform } from '../../src/urls/grammar.js';
import { nodeHmac } from '../../src/urls/signer.js';
import { signQuery } from '../../src/urls/signature.js';
import { makeImage } from '../helpers/images.js';
import { scriptedModeration } from '../helpers/scripted-analysis.js';
import { postUpload, s3ClientOf, startTestStack, type TestStack } from '../helpers/stack.js';

/** The test's own key, given to the stack, so it can mint URLs the API would never sign. */
const KEY = { id: 'test', secret: 'a-delivery-secret-of-at-least-32-characters' };
const DELIVERY_KEYS = `${KEY.id}:${KEY.secret}`;

let stack: TestStack;
let explicitness = 0;

beforeAll(async () => {
  stack = await startTestStack(
    { DELIVERY_KEYS, DELIVERY_MAX_SIDE: '2000' },
    {
      analysis: scriptedModeration(() => explicitness, { reject: 0.5 }, 800),
    },
  );
});
afterAll(() => stack?.dispose());

async function upload(target: TestStack, bytes: Buffer, user = 'dana') {
  const created = await target.gql(
    CreateUploadDocument,
    { input: { filename: 'photo.png', contentType: 'image/png' } },
    user,
  );
  const ticket = created.data!.createUpload;
  expect((await postUpload(ticket, bytes)).status).toBe(204);
  await target.idle();
  return ticket.imageId;
}

const details = async (target: TestStack, id: string, user = 'dana') =>
  (await target.gql(ImageDetailsDocument, { id }, user)).data!.image!;

async function transformUrl(
  id: string,
  args: { width?: number; height?: number; format?: 'AUTO' | 'JPEG' | 'WEBP' | 'AVIF' | 'PNG' },
  user = 'dana',
) {
  const response = await stack.gql(ImageTransformUrlDocument, { id, ...args }, user);
  expect(response.errors).toBeUndefined();
  return response.data!.image!.transformUrl!;
}

/** A URL signed with the test key for any path, with an optional expiry. */
const signed = (path: DeliveryPath | string, expires?: number, base = stack.deliveryUrl) => {
  const text = typeof path === 'string' ? path : formatPath(path);
  return `${base}${text}?${signQuery(nodeHmac, text, KEY, expires)}`;
};

/** An on-demand URL for generation 0, signed with the test key whatever the limits say. */
const renderUrl = (imageId: string, transform: Transform) =>
  signed({ kind: 'render', imageId, generation: 0, transform });

const withQuery = (url: string, name: string, value: string | null) => {
  const u = new URL(url);
  if (value === null) u.searchParams.delete(name);
  else u.searchParams.set(name, value);
  return u.toString();
};

async function storedRenders(target: TestStack, id: string): Promise<string[]> {
  const s3 = s3ClientOf(target);
  try {
    const { Contents = [] } = await s3.send(
      new ListObjectsV2Command({ Bucket: 'darkroom-variants', Prefix: `renders/${id}/` }),
    );
    return Contents.map((o) => o.Key!);
  } finally {
    s3.destroy();
  }
}

describe('delivery URLs', () => {
  let id: string;
  beforeAll(async () => {
    id = await upload(stack, await makeImage(1200, 800, 'png'));
  });

  it('serve each variant with immutable cache headers, an ETag, 304 and HEAD', async () => {
    const image = await details(stack, id);
    expect(image.status).toBe('PROCESSED');
    for (const variant of image.variants) {
      const url = new URL(variant.url);
      expect(url.origin + url.pathname).toBe(
        `${stack.deliveryUrl}/i/${id}/0/${variant.name}.${variant.format === 'jpeg' ? 'jpg' : variant.format}`,
      );
      // Public mode: nothing in the URL expires.
      expect(url.searchParams.has('e')).toBe(false);
      const response = await fetch(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(response.headers.get('content-type')).toBe(`image/${variant.format}`);
      const body = Buffer.from(await response.arrayBuffer());
      expect(Number(response.headers.get('content-length'))).toBe(body.length);
      const meta = await sharp(body).metadata();
      expect([meta.width, meta.height]).toEqual([variant.width, variant.height]);
      const etag = response.headers.get('etag')!;
      expect(etag).toMatch(/^"[0-9a-f]+"$/);

      const again = await fetch(url, { headers: { 'if-none-match': etag } });
      expect(again.status).toBe(304);
      const head = await fetch(url, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(head.headers.get('etag')).toBe(etag);
    }
  });

  it('refuse a missing, tampered, unknown-key or expired signature with 403 saying which', async () => {
    const [variant] = (await details(stack, id)).variants;
    const url = variant!.url;
    const cases: [string, string][] = [
      [withQuery(withQuery(url, 's', null), 'k', null), 'missing signature'],
      [withQuery(url, 's', 'A'.repeat(43)), 'bad signature'],
      [url.replace(/\/0\/([^/]+)$/, '/1/$1'), 'bad signature'],
      [withQuery(url, 'e', String(Math.floor(Date.now() / 1000) + 3600)), 'bad signature'],
      [withQuery(url, 'k', 'other'), 'unknown key'],
      [signed(new URL(url).pathname, Math.floor(Date.now() / 1000) - 1), 'expired'],
      [withQuery(url, 'e', 'soon'), 'malformed expiry'],
    ];
    for (const [bad, reason] of cases) {
      const response = await fetch(bad);
      expect(response.status, bad).toBe(403);
      expect(await response.text()).toBe(`Forbidden: ${reason}`);
    }
    // A path outside the grammar is simply not found.
    expect((await fetch(`${stack.deliveryUrl}/i/${id}/0/../../x.jpg`)).status).toBe(404);
  });

  it('answer 404 with nothing else said for unknown, failed and rejected images', async () => {
    const unknown = signed({
      kind: 'variant',
      imageId: randomUUID(),
      generation: 0,
      name: 'small',
      extension: 'jpg',
    });
    const failed = await upload(stack, Buffer.from('not an image at all'));
    explicitness = 0.95;
    const rejected = await upload(stack, await makeImage(600, 400, 'png'));
    explicitness = 0;
    expect((await details(stack, failed)).status).toBe('FAILED');
    expect((await details(stack, rejected)).status).toBe('REJECTED');
    for (const imageId of [failed, rejected]) {
      // transformUrl has nothing to give; a URL signed anyway (an old one) finds nothing.
      const response = await stack.gql(
        ImageTransformUrlDocument,
        { id: imageId, width: 100 },
        'dana',
      );
      expect(response.data!.image!.transformUrl).toBeNull();
    }
    const renders = [failed, rejected].map((imageId) =>
      renderUrl(imageId, { width: 100, fit: 'inside', format: 'jpeg', dpr: 1 }),
    );
    for (const url of [unknown, ...renders]) {
      const response = await fetch(url);
      expect(response.status, url).toBe(404);
      expect(await response.text()).toBe('Not Found');
    }
    expect(await storedRenders(stack, rejected)).toEqual([]);
  });

  it('negotiate auto from Accept: AVIF, WebP, else JPEG, with Vary: Accept', async () => {
    const url = await transformUrl(id, { width: 300 });
    expect(new URL(url).pathname).toBe(`/t/${id}/0/w300_inside_x1.auto`);
    for (const [accept, format] of [
      ['image/avif,image/webp,image/apng,*/*;q=0.8', 'heif'],
      ['image/webp,*/*', 'webp'],
      ['*/*', 'jpeg'],
      ['image/avif;q=0,image/webp;q=0,*/*', 'jpeg'],
    ] as const) {
      const response = await fetch(url, { headers: { accept } });
      expect(response.status, accept).toBe(200);
      expect(response.headers.get('vary')).toBe('Accept');
      const meta = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
      expect(meta.format, accept).toBe(format);
      expect([meta.width, meta.height]).toEqual([300, 200]);
      expect(response.headers.get('content-type')).toBe(
        `image/${format === 'heif' ? 'avif' : format}`,
      );
    }
    // An explicit format does not vary.
    const webp = await fetch(await transformUrl(id, { width: 300, format: 'WEBP' }));
    expect(webp.headers.get('vary')).toBeNull();
  });

  it('keeps transparency where auto falls back: PNG, not JPEG', async () => {
    const transparent = await upload(
      stack,
      await sharp({
        create: {
          width: 400,
          height: 300,
          channels: 4,
          background: { r: 0, g: 90, b: 200, alpha: 0.4 },
        },
      })
        .png()
        .toBuffer(),
    );
    const response = await fetch(await transformUrl(transparent, { width: 200 }), {
      headers: { accept: '*/*' },
    });
    expect(response.headers.get('content-type')).toBe('image/png');
    expect((await sharp(Buffer.from(await response.arrayBuffer())).metadata()).hasAlpha).toBe(true);
  });

  it('renders 20 identical requests that arrive together once, and stores the result', async () => {
    const url = await transformUrl(id, { width: 333, format: 'WEBP' });
    const before = stack.delivery.renders;
    const responses = await Promise.all(Array.from({ length: 20 }, () => fetch(url)));
    const bodies = await Promise.all(
      responses.map(async (r) => Buffer.from(await r.arrayBuffer())),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(new Set(bodies.map((b) => b.toString('base64'))).size).toBe(1);
    expect(stack.delivery.renders - before).toBe(1);
    expect(await storedRenders(stack, id)).toContain(`renders/${id}/0/w333_inside_x1.webp`);
    // Later requests are the stored object: no render.
    expect((await fetch(url)).status).toBe(200);
    expect(stack.delivery.renders - before).toBe(1);
  });

  it('clamps to the original and says so; refuses what is over the limits', async () => {
    // Within the original: delivered as asked, nothing to say.
    const response = await fetch(await transformUrl(id, { width: 1000, format: 'JPEG' }));
    expect(response.status).toBe(200);
    expect((await sharp(Buffer.from(await response.arrayBuffer())).metadata()).width).toBe(1000);
    const wide = await fetch(renderUrl(id, { width: 1600, fit: 'inside', format: 'jpeg', dpr: 1 }));
    expect(wide.status).toBe(200);
    expect(wide.headers.get('x-amz-meta-darkroom-clamped')).toBe('1200x800');
    const meta = await sharp(Buffer.from(await wide.arrayBuffer())).metadata();
    expect([meta.width, meta.height]).toEqual([1200, 800]);
    // Stored with the note, so a later hit says the same.
    const hit = await fetch(renderUrl(id, { width: 1600, fit: 'inside', format: 'jpeg', dpr: 1 }));
    expect(hit.headers.get('x-amz-meta-darkroom-clamped')).toBe('1200x800');
    expect(response.headers.get('x-amz-meta-darkroom-clamped')).toBeNull();

    // The API refuses to sign it; a URL signed anyway is refused with the reason.
    const refused = await stack.gql(ImageTransformUrlDocument, { id, width: 1500, dpr: 2 }, 'dana');
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toMatch(/3000 pixels, over the limit of 2000/);
    const over = await fetch(renderUrl(id, { width: 1500, fit: 'inside', format: 'jpeg', dpr: 2 }));
    expect(over.status).toBe(400);
    expect(await over.text()).toMatch(/over the limit of 2000/);
  });

  it('crops cover fits to the exact box', async () => {
    const response = await fetch(
      renderUrl(id, { width: 100, height: 100, fit: 'cover', format: 'png', dpr: 2 }),
    );
    const meta = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 200, 200]);
  });

  it('after reprocessImage the new generation is served and the old renders go', async () => {
    const own = await upload(stack, await makeImage(800, 600, 'png'));
    const oldRender = await transformUrl(own, { width: 200, format: 'JPEG' });
    expect((await fetch(oldRender)).status).toBe(200);
    const reprocessed = await stack.gql(ReprocessImageDocument, { id: own }, 'dana');
    expect(reprocessed.errors).toBeUndefined();
    await stack.idle();
    const image = await details(stack, own);
    expect(image.status).toBe('PROCESSED');
    for (const variant of image.variants) {
      expect(new URL(variant.url).pathname).toMatch(new RegExp(`^/i/${own}/1/`));
      expect((await fetch(variant.url)).status).toBe(200);
    }
    const newRender = await transformUrl(own, { width: 200, format: 'JPEG' });
    expect(new URL(newRender).pathname).toBe(`/t/${own}/1/w200_inside_x1.jpeg`);
    expect((await fetch(newRender)).status).toBe(200);
    expect((await fetch(oldRender)).status).toBe(404);
    expect(await storedRenders(stack, own)).toEqual([`renders/${own}/1/w200_inside_x1.jpg`]);
  });

  it('after deleteImage every URL of the image is 404 and its renders are gone', async () => {
    const doomed = await upload(stack, await makeImage(640, 480, 'png'));
    const urls = [
      ...(await details(stack, doomed)).variants.map((v) => v.url),
      await transformUrl(doomed, { width: 120 }),
    ];
    for (const url of urls) expect((await fetch(url)).status).toBe(200);
    expect(await storedRenders(stack, doomed)).toHaveLength(1);
    const deleted = await stack.gql(DeleteImageDocument, { id: doomed }, 'dana');
    expect(deleted.data!.deleteImage).toBe(true);
    for (const url of urls) {
      const gone = await fetch(url);
      expect(gone.status, url).toBe(404);
      // Briefly cacheable, so an old link's requests do not each reach the function.
      expect(gone.headers.get('cache-control')).toBe('public, max-age=10');
    }
    expect(await storedRenders(stack, doomed)).toEqual([]);
  });

  it('never lets one user sign URLs for another user’s image', async () => {
    const response = await stack.gql(ImageTransformUrlDocument, { id, width: 100 }, 'mallory');
    expect(response.data?.image ?? null).toBeNull();
  });
});

describe('large renders', () => {
  it('are stored and the viewer sent back to its own URL, never pushed out of the function', async () => {
    const noisy = await sharp(
      Buffer.from(Array.from({ length: 1400 * 1400 * 3 }, () => Math.floor(Math.random() * 256))),
      {
        raw: { width: 1400, height: 1400, channels: 3 },
      },
    )
      .png()
      .toBuffer();
    const big = await upload(stack, noisy);
    const url = await transformUrl(big, { width: 1400, format: 'PNG' });
    const first = await fetch(url, { redirect: 'manual' });
    expect(first.status).toBe(307);
    expect(first.headers.get('location')).toBe(url.slice(stack.deliveryUrl.length));
    const followed = await fetch(url);
    expect(followed.status).toBe(200);
    expect(Buffer.from(await followed.arrayBuffer()).length).toBeGreaterThan(4 * 1024 * 1024);
  });
});

describe('expiring mode', () => {
  let expiring: TestStack;
  beforeAll(async () => {
    expiring = await startTestStack({ DELIVERY_KEYS, DELIVERY_URL_TTL_SECONDS: '3600' });
  });
  afterAll(() => expiring?.dispose());

  it('hands out URLs valid for at least the TTL, and refuses URLs without an expiry', async () => {
    const own = await upload(expiring, await makeImage(320, 240, 'png'));
    const [variant] = (await details(expiring, own)).variants;
    const url = new URL(variant!.url);
    const expires = Number(url.searchParams.get('e'));
    const now = Date.now() / 1000;
    expect(expires).toBeGreaterThanOrEqual(now + 3600);
    expect(expires).toBeLessThanOrEqual(now + 3600 + 360 + 1);
    expect((await fetch(url)).status).toBe(200);
    const forever = await fetch(signed(url.pathname, undefined, expiring.deliveryUrl));
    expect(forever.status).toBe(403);
    expect(await forever.text()).toBe('Forbidden: expiry required');
  });
});

describe('a restart', () => {
  it('keeps every URL handed out working (the key is kept with the data)', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'darkroom-restart-'));
    const env = {
      PORT: '0',
      S3_PORT: '0',
      DYNAMODB_PORT: '0',
      DATA_DIR: dataDir,
      ANALYZER: 'none',
    };
    try {
      const first = await startStack(env);
      const created = await fetch(first.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: CreateUploadDocument.toString(),
          variables: { input: { filename: 'a.png', contentType: 'image/png' } },
        }),
      }).then(
        (r) => r.json() as Promise<{ data: { createUpload: Parameters<typeof postUpload>[0] } }>,
      );
      const ticket = created.data.createUpload;
      await postUpload(ticket, await makeImage(300, 200, 'png'));
      await first.idle();
      const read = await fetch(first.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: ImageDetailsDocument.toString(),
          variables: { id: ticket.imageId },
        }),
      }).then((r) => r.json() as Promise<{ data: { image: { variants: { url: string }[] } } }>);
      const path = new URL(read.data.image.variants[0]!.url);
      await first.stop();

      const second = await startStack(env);
      try {
        const again = await fetch(`${second.deliveryUrl}${path.pathname}${path.search}`);
        expect(again.status).toBe(200);
      } finally {
        await second.stop();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { thumbHashToApproximateAspectRatio, thumbHashToAverageRGBA } from 'thumbhash';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import shipped from '../../presets/default.json' with { type: 'json' };
import type { ImageDetailsQueryVariables } from '../../src/client/generated/graphql.js';
import {
  CreateUploadDocument,
  ImageDetailsDocument,
  SimilarImagesDocument,
} from '../../src/client/operations.js';
import { makeScene } from '../helpers/scenes.js';
import { postUpload, startTestStack, type TestStack } from '../helpers/stack.js';

/**
 * The shipped default preset, plus one whose outputs look different: a plain view and two
 * greyscale ones of the same shape, which must never share a srcset with it.
 */
const PRESETS = {
  presets: {
    default: shipped.presets.default,
    mixed: {
      outputs: [
        { name: 'view', width: 800, fit: 'inside', formats: ['jpeg', 'webp'] },
        {
          name: 'mono',
          width: 1200,
          fit: 'inside',
          formats: ['jpeg'],
          operations: [{ op: 'greyscale' }],
        },
        {
          name: 'mono-small',
          width: 400,
          fit: 'inside',
          formats: ['jpeg'],
          operations: [{ op: 'greyscale' }],
        },
      ],
    },
  },
};

let stack: TestStack;
let presetsDir: string;
beforeAll(async () => {
  presetsDir = await mkdtemp(join(tmpdir(), 'darkroom-presets-'));
  const presetsFile = join(presetsDir, 'presets.json');
  await writeFile(presetsFile, JSON.stringify(PRESETS));
  stack = await startTestStack({ PRESETS_FILE: presetsFile });
});
afterAll(async () => {
  await stack?.dispose();
  await rm(presetsDir, { recursive: true, force: true });
});

/** Ticket, upload, wait for the processor: what a client does. Returns the image id. */
async function upload(
  user: string,
  filename: string,
  bytes: Buffer,
  contentType: string,
  preset?: string,
) {
  const created = await stack.gql(
    CreateUploadDocument,
    { input: { filename, contentType, bytes: bytes.length, ...(preset ? { preset } : {}) } },
    user,
  );
  expect(created.errors).toBeUndefined();
  const ticket = created.data!.createUpload;
  expect((await postUpload(ticket, bytes)).status).toBe(204);
  await stack.idle();
  return ticket.imageId;
}

async function image(id: string, user: string, args: Omit<ImageDetailsQueryVariables, 'id'> = {}) {
  const response = await stack.gql(ImageDetailsDocument, { id, ...args }, user);
  expect(response.errors).toBeUndefined();
  return response.data!.image!;
}

/** The attributes of the first `tag` element, unescaped as a browser reads them. */
function attributesOf(html: string, tag: string): Record<string, string> {
  const element = new RegExp(`<${tag}((?:\\s+[a-z-]+="[^"]*")*)\\s*>`).exec(html);
  if (!element) throw new Error(`no <${tag}> in ${html}`);
  return Object.fromEntries(
    [...element[1]!.matchAll(/([a-z-]+)="([^"]*)"/g)].map((m) => [
      m[1]!,
      m[2]!
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&'),
    ]),
  );
}

const candidates = (srcset: string) =>
  srcset.split(', ').map((candidate) => {
    const [url, width] = candidate.split(' ');
    return { url: url!, width: Number(width!.replace(/w$/, '')) };
  });

describe('placeholder, dominant colour and perceptual hash', () => {
  it('are computed for a processed image and describe it', async () => {
    // A flat blue poster with a small white label: blue dominates, exactly.
    const poster = await sharp({
      create: { width: 600, height: 300, channels: 3, background: '#3366cc' },
    })
      .composite([
        {
          input: { create: { width: 100, height: 50, channels: 3, background: '#ffffff' } },
          left: 40,
          top: 40,
        },
      ])
      .png()
      .toBuffer();
    const id = await upload('pia', 'poster.png', poster, 'image/png');
    const result = await image(id, 'pia');
    expect(result.status).toBe('PROCESSED');
    expect(result.dominantColor).toBe('#3366cc');
    expect(result.phash).toMatch(/^[0-9a-f]{16}$/);
    expect(result.timings!.fingerprintMs).toBeGreaterThanOrEqual(0);

    const hash = Buffer.from(result.placeholder!, 'base64');
    expect(thumbHashToApproximateAspectRatio(hash)).toBeCloseTo(2, 0);
    const average = thumbHashToAverageRGBA(hash);
    // Mostly #3366cc (51, 102, 204), a little lighter for the white label.
    expect(average.b * 255).toBeGreaterThan(average.r * 255 + 100);
    expect(average.a).toBe(1);
  });

  it('are null for an image that did not process, and so is its markup', async () => {
    const id = await upload('pia', 'noise.jpg', randomBytes(2048), 'image/jpeg');
    const result = await image(id, 'pia');
    expect(result).toMatchObject({
      status: 'FAILED',
      placeholder: null,
      dominantColor: null,
      phash: null,
      html: null,
    });
    const similar = await stack.gql(SimilarImagesDocument, { id }, 'pia');
    expect(similar.data!.similarImages).toEqual([]);
  });
});

describe('similarImages', () => {
  let original: string;
  let copy: string;
  let other: string;
  let othersCopy: string;

  beforeAll(async () => {
    const photo = await makeScene('blobs', 1200, 800, 'jpeg', 11);
    original = await upload('rex', 'original.jpg', photo, 'image/jpeg');
    copy = await upload(
      'rex',
      'copy.webp',
      await sharp(photo).resize(500).webp({ quality: 40 }).toBuffer(),
      'image/webp',
    );
    other = await upload(
      'rex',
      'other.jpg',
      await makeScene('clouds', 1200, 800, 'jpeg', 4),
      'image/jpeg',
    );
    // The same picture, but someone else's: never shown to rex.
    othersCopy = await upload('sam', 'mine.jpg', photo, 'image/jpeg');
  });

  it('finds the caller’s resized, recompressed copy and nothing else', async () => {
    const response = await stack.gql(SimilarImagesDocument, { id: original }, 'rex');
    expect(response.errors).toBeUndefined();
    const found = response.data!.similarImages!;
    expect(found.map((s) => s.image.id)).toEqual([copy]);
    expect(found[0]!.image.filename).toBe('copy.webp');
    expect(found[0]!.distance).toBeLessThanOrEqual(10);
    const ids = found.map((s) => s.image.id);
    expect(ids).not.toContain(original);
    expect(ids).not.toContain(other);
    expect(ids).not.toContain(othersCopy);
  });

  it('widens with maxDistance, nearest first, and stops at first', async () => {
    const all = (await stack.gql(SimilarImagesDocument, { id: original, maxDistance: 64 }, 'rex'))
      .data!.similarImages!;
    // Within 64 bits is every other processed image of rex's; the copy is nearest.
    expect(all.map((s) => s.image.id).sort()).toEqual([copy, other].sort());
    expect(all[0]!.image.id).toBe(copy);
    const distances = all.map((s) => s.distance);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    const one = (
      await stack.gql(SimilarImagesDocument, { id: original, maxDistance: 64, first: 1 }, 'rex')
    ).data!.similarImages!;
    expect(one.map((s) => s.image.id)).toEqual([copy]);
  });

  it('answers null for another owner’s image, like image(id)', async () => {
    const response = await stack.gql(SimilarImagesDocument, { id: original }, 'sam');
    expect(response.errors).toBeUndefined();
    expect(response.data!.similarImages).toBeNull();
  });

  it.each([
    [{ maxDistance: -1 }, 'maxDistance'],
    [{ maxDistance: 65 }, 'maxDistance'],
    [{ first: 0 }, 'first'],
    [{ first: 101 }, 'first'],
    [{ id: 'not-an-id' }, 'id'],
  ])('refuses %j naming the argument', async (args, field) => {
    const response = await stack.gql(SimilarImagesDocument, { id: original, ...args }, 'rex');
    expect(response.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});

describe('Image.html', () => {
  let id: string;
  beforeAll(async () => {
    // A file name that would break out of an attribute if it were not escaped.
    const photo = await makeScene('rings', 1600, 1000, 'jpeg', 2);
    id = await upload('tess', '"><img src=x onerror=alert(1)>.jpg', photo, 'image/jpeg');
  });

  it('is an <img> whose srcset offers on-demand widths up to the original’s, each downloadable', async () => {
    const { html, width, height } = await image(id, 'tess');
    expect(html).toMatch(/^<img [^<>]*>$/);
    const img = attributesOf(html!, 'img');
    expect(img).toMatchObject({
      width: '1600',
      height: '1000',
      sizes: '(max-width: 1600px) 100vw, 1600px',
      loading: 'lazy',
      decoding: 'async',
      // No labels without analysis: the file name, escaped in the markup, intact once parsed.
      alt: '"><img src=x onerror=alert(1)>',
    });
    const offered = candidates(img.srcset!);
    expect(offered.map((c) => c.width)).toEqual([320, 480, 640, 768, 960, 1280, 1600]);
    for (const candidate of [...offered, { url: img.src!, width: 1600 }]) {
      expect(new URL(candidate.url).pathname).toBe(`/t/${id}/0/w${candidate.width}_inside_x1.auto`);
      // An old browser gets JPEG, a current one AVIF: the same URL, negotiated.
      for (const [accept, format] of [
        ['*/*', 'jpeg'],
        ['image/avif,*/*', 'heif'],
      ]) {
        const response = await fetch(candidate.url, { headers: { accept: accept! } });
        expect(response.status).toBe(200);
        const meta = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
        expect(meta.format).toBe(format);
        expect(meta.width).toBe(candidate.width);
        expect(meta.width / meta.height).toBeCloseTo(width! / height!, 1);
      }
    }
  });

  it('is a <picture> with AVIF and WebP sources before the negotiated <img>', async () => {
    const { html } = await image(id, 'tess', { kind: 'PICTURE', sizes: '50vw', alt: 'Rings' });
    expect(html).toMatch(
      /^<picture><source type="image\/avif" [^<>]*><source type="image\/webp" [^<>]*><img [^<>]*><\/picture>$/,
    );
    const sources = [...html!.matchAll(/<source [^>]*srcset="([^"]*)"[^>]*>/g)].map((m) => m[1]!);
    expect(sources).toHaveLength(2);
    expect(sources[0]).toMatch(/_inside_x1\.avif\?/);
    expect(sources[1]).toMatch(/_inside_x1\.webp\?/);
    expect(attributesOf(html!, 'source').sizes).toBe('50vw');
    const img = attributesOf(html!, 'img');
    expect(img).toMatchObject({ alt: 'Rings', sizes: '50vw' });
    expect(img.src).toMatch(/w1600_inside_x1\.auto\?/);
  });

  it('is a responsive <amp-img> for AMP pages', async () => {
    const { html } = await image(id, 'tess', { kind: 'AMP_IMG', alt: '' });
    expect(html).toMatch(/^<amp-img [^<>]*><\/amp-img>$/);
    expect(attributesOf(html!, 'amp-img')).toMatchObject({
      layout: 'responsive',
      width: '1152',
      height: '720',
      alt: '',
    });
  });

  it('never offers a greyscale output in the same AMP srcset as the plain picture', async () => {
    const photo = await makeScene('blobs', 1600, 1000, 'jpeg', 5);
    const mixed = await upload('tess', 'mixed.jpg', photo, 'image/jpeg', 'mixed');
    const { html, status } = await image(mixed, 'tess', { kind: 'AMP_IMG' });
    expect(status).toBe('PROCESSED');
    const amp = attributesOf(html!, 'amp-img');
    expect(candidates(amp.srcset!).map((c) => c.width)).toEqual([800]);
    expect(amp.src).toMatch(/\/view\.jpg/);
  });

  it('refuses an empty or oversized sizes and an oversized alt', async () => {
    for (const [args, field] of [
      [{ sizes: ' ' }, 'sizes'],
      [{ sizes: 'x'.repeat(1001) }, 'sizes'],
      [{ alt: 'x'.repeat(1001) }, 'alt'],
    ] as const) {
      const response = await stack.gql(ImageDetailsDocument, { id, ...args }, 'tess');
      expect(response.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });
});

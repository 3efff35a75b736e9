/**
 * Presets and effects, reprocessImage and deleteImage, through the GraphQL API on the embedded
 * default: what a caller sees, and what is (and is no longer) in the buckets.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  DeleteImageMutationVariables,
  ImageDetailsQuery,
  ReprocessImageMutationVariables,
} from '../../src/client/generated/graphql.js';
import {
  CreateUploadDocument,
  DeleteImageDocument,
  ImageDetailsDocument,
  ImagesDocument,
  MetricsDocument,
  PresetsDocument,
  ReprocessImageDocument,
} from '../../src/client/operations.js';
import type { AnalysisResult, Analyzer } from '../../src/processor/analysis/analyzer.js';
import { createJudge } from '../../src/processor/analysis/index.js';
import type { ProcessOutcome } from '../../src/processor/process-upload.js';
import { makeImage } from '../helpers/images.js';
import {
  objectCreatedEvent,
  originalExists,
  postUpload,
  startTestStack,
  type TestStack,
  type Ticket,
  variantKeys,
} from '../helpers/stack.js';

interface Variant {
  name: string;
  format: string;
  width: number;
  height: number;
  url: string;
}
type ImageResult = NonNullable<ImageDetailsQuery['image']>;
type Errors = { message: string; extensions?: { code?: string; field?: string } }[] | undefined;

const TERMINAL = ['PROCESSED', 'REJECTED', 'FAILED'];

async function readImage(stack: TestStack, id: string, user: string) {
  const response = await stack.gql(ImageDetailsDocument, { id }, user);
  expect(response.errors).toBeUndefined();
  return response.data!.image;
}

/** Until the image reaches a terminal state: a reprocess is delivered by S3's copy event. */
async function settle(stack: TestStack, id: string, user: string): Promise<ImageResult> {
  for (let i = 0; i < 200; i++) {
    await stack.idle();
    const image = await readImage(stack, id, user);
    if (image && TERMINAL.includes(image.status)) return image;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`image ${id} did not finish`);
}

async function ticket(stack: TestStack, user: string, preset?: string): Promise<Ticket> {
  const input = { filename: 'photo.png', contentType: 'image/png', ...(preset ? { preset } : {}) };
  const response = await stack.gql(CreateUploadDocument, { input }, user);
  expect(response.errors).toBeUndefined();
  return response.data!.createUpload;
}

async function upload(stack: TestStack, user: string, bytes: Buffer, preset?: string) {
  const t = await ticket(stack, user, preset);
  expect((await postUpload(t, bytes)).status).toBe(204);
  return settle(stack, t.imageId, user);
}

/** Decoded RGB pixels of a variant, and a reader for one of them. */
async function pixelsOf(variant: Variant) {
  const response = await fetch(variant.url);
  expect(response.status, variant.url).toBe(200);
  const { data, info } = await sharp(Buffer.from(await response.arrayBuffer()))
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const at = (x: number, y: number): [number, number, number] => {
    const i = (y * info.width + x) * info.channels;
    return [data[i]!, data[i + 1]!, data[i + 2]!];
  };
  return { data, info, at };
}

const near = (actual: number[], expected: number[], tolerance = 12) =>
  actual.every((value, i) => Math.abs(value - expected[i]!) <= tolerance);

/** 400×200: red top-left, blue top-right, green bottom-left, white bottom-right. */
async function quadrants(): Promise<Buffer> {
  const [w, h] = [400, 200];
  const pixels = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const colour =
        y < h / 2
          ? x < w / 2
            ? [255, 0, 0]
            : [0, 0, 255]
          : x < w / 2
            ? [0, 255, 0]
            : [255, 255, 255];
      pixels.set(colour, (y * w + x) * 3);
    }
  }
  return sharp(pixels, { raw: { width: w, height: h, channels: 3 } })
    .png()
    .toBuffer();
}

/** 600×200 flat grey with a busy, saturated patch at the right edge: the interesting region. */
async function patchAtRight(): Promise<Buffer> {
  const [w, h] = [600, 200];
  const pixels = Buffer.alloc(w * h * 3, 128);
  for (let y = 0; y < h; y++) {
    for (let x = 480; x < w; x++) {
      const on = (Math.floor(x / 6) + Math.floor(y / 6)) % 2 === 0;
      pixels.set(on ? [255, 20, 20] : [20, 20, 255], (y * w + x) * 3);
    }
  }
  return sharp(pixels, { raw: { width: w, height: h, channels: 3 } })
    .png()
    .toBuffer();
}

const codeOf = (errors: Errors) => errors?.[0]?.extensions?.code;

describe('the shipped presets, reprocessImage and deleteImage', () => {
  let explicitness = 0;
  /** When set, the analyser waits for it: the processor is then mid-image. */
  let hold: { entered: () => void; release: Promise<void> } | undefined;
  const scripted: Analyzer = {
    name: 'scripted',
    analyze: async (): Promise<AnalysisResult> => {
      if (hold) {
        hold.entered();
        await hold.release;
      }
      return {
        faces: [],
        labels: [],
        moderation: [{ name: 'Explicit', confidence: explicitness }],
      };
    },
  };
  const outcomes: ProcessOutcome[] = [];
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack(
      {},
      {
        analysis: {
          analyzer: scripted,
          judge: createJudge({ MODERATION_THRESHOLD: 0.5, MODERATION_REJECT_LABELS: ['Explicit'] }),
          longestSide: 1600,
        },
        onOutcome: (outcome) => outcomes.push(outcome),
      },
    );
  });
  afterAll(() => stack?.dispose());

  it('lists the shipped presets, default first, with their outputs and operations in words', async () => {
    const response = await stack.gql(PresetsDocument);
    expect(response.errors).toBeUndefined();
    const presets = response.data!.presets;
    expect(presets.map((p) => p.name)).toEqual(['default', 'avatar', 'social', 'print-grey']);
    expect(presets.every((p) => p.description)).toBe(true);
    expect(presets[0]!.outputs).toEqual([
      expect.objectContaining({
        name: 'thumb',
        fit: 'COVER',
        formats: ['jpeg', 'webp'],
        operations: ['crop: smart (faces, else the most interesting region)'],
      }),
      expect.objectContaining({ name: 'small', fit: 'INSIDE', operations: [] }),
      expect.objectContaining({ name: 'large', fit: 'INSIDE', operations: [] }),
    ]);
    const card = presets.find((p) => p.name === 'social')!.outputs[0]!;
    expect(card.operations[1]).toMatch(/^watermark: image darkroom-mark\.svg, southeast/);
  });

  it('refuses an unknown preset at createUpload, listing the known ones, and records nothing', async () => {
    const response = await stack.gql(
      CreateUploadDocument,
      { input: { filename: 'a.png', contentType: 'image/png', preset: 'sepia' } },
      'uma',
    );
    expect(response.data).toBeNull();
    expect(response.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'preset',
    });
    expect(response.errors![0]!.message).toContain('default, avatar, social, print-grey');
    const list = await stack.gql(ImagesDocument, {}, 'uma');
    expect(list.data!.images.edges).toEqual([]);
    const metrics = await stack.gql(MetricsDocument, {}, 'uma');
    expect(metrics.data!.metrics.total).toBe(0);
  });

  it('social puts the mark in the bottom-right corner of a 1200×630 card', async () => {
    const grey = await sharp({
      create: { width: 2400, height: 1400, channels: 3, background: '#808080' },
    })
      .png()
      .toBuffer();
    const image = await upload(stack, 'una', grey, 'social');
    expect(image.status).toBe('PROCESSED');
    expect(
      image.variants.map((v) => `${v.name}.${v.format} ${v.width}×${v.height}`).sort(),
    ).toEqual(['card.jpeg 1200×630', 'card.webp 1200×630']);
    const { at } = await pixelsOf(image.variants.find((v) => v.format === 'jpeg')!);
    // The mark's white rings and bars show in the corner; the opposite corner is untouched grey.
    let bright = 0;
    for (let y = 630 - 150; y < 630; y += 2) {
      for (let x = 1200 - 300; x < 1200; x += 2) if (at(x, y)[0] > 200) bright++;
    }
    expect(bright).toBeGreaterThan(100);
    for (const [x, y] of [
      [10, 10],
      [300, 150],
      [100, 600],
    ] as const) {
      expect(near(at(x, y), [128, 128, 128], 4), `(${x}, ${y}) ${at(x, y).join(',')}`).toBe(true);
    }
  });

  it('reprocessImage makes the new preset’s variants from the original and removes the old ones', async () => {
    const image = await upload(stack, 'vera', await makeImage(1200, 800, 'png'));
    expect(image.variants.map((v) => v.name)).toContain('thumb');
    const before = await variantKeys(stack, image.id);
    expect(before).toHaveLength(6);

    const response = await stack.gql(
      ReprocessImageDocument,
      { id: image.id, preset: 'print-grey' },
      'vera',
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.reprocessImage).toMatchObject({
      status: 'PROCESSING',
      preset: 'print-grey',
    });

    const after = await settle(stack, image.id, 'vera');
    expect(after).toMatchObject({ status: 'PROCESSED', preset: 'print-grey', error: null });
    expect(
      after.variants.map((v) => `${v.name}.${v.format} ${v.width}×${v.height}`).sort(),
    ).toEqual(['print.jpeg 1200×800', 'proof.webp 800×533']);
    // Greyscale: every pixel has equal channels (within what lossy encoding allows).
    for (const variant of after.variants) {
      const { data } = await pixelsOf(variant);
      let worst = 0;
      for (let i = 0; i < data.length; i += 3) {
        worst = Math.max(
          worst,
          Math.abs(data[i]! - data[i + 1]!),
          Math.abs(data[i + 1]! - data[i + 2]!),
        );
      }
      expect(worst, `${variant.name}.${variant.format}`).toBeLessThanOrEqual(3);
    }
    // Only the new variants are stored; the old names are gone from the bucket and the record.
    const keys = await variantKeys(stack, image.id);
    expect(keys).toHaveLength(2);
    expect(keys.some((k) => /thumb|small|large/.test(k))).toBe(false);
    expect(keys.filter((k) => before.includes(k))).toEqual([]);

    // A run, not an upload: one ticket, two processing runs, one of them a reprocess.
    const metrics = await stack.gql(MetricsDocument, {}, 'vera');
    const { total, processed, rejected, failed, reprocessed } = metrics.data!.metrics;
    expect({ total, processed, rejected, failed, reprocessed }).toEqual({
      total: 1,
      processed: 2,
      rejected: 0,
      failed: 0,
      reprocessed: 1,
    });
  });

  it('reprocessImage keeps the preset when none is given, and refuses unfinished images and unknown presets', async () => {
    const done = await upload(stack, 'walt', await makeImage(300, 200, 'png'), 'avatar');
    const again = await stack.gql(ReprocessImageDocument, { id: done.id }, 'walt');
    expect(again.data!.reprocessImage.preset).toBe('avatar');
    expect((await settle(stack, done.id, 'walt')).variants.map((v) => v.name).sort()).toEqual([
      'avatar',
      'avatar',
      'icon',
    ]);

    const unknown = await stack.gql(
      ReprocessImageDocument,
      { id: done.id, preset: 'sepia' },
      'walt',
    );
    expect(unknown.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'preset',
    });
    expect(unknown.errors![0]!.message).toContain('Available: default, avatar, social, print-grey');

    const pending = await ticket(stack, 'walt');
    const early = await stack.gql(ReprocessImageDocument, { id: pending.imageId }, 'walt');
    expect(codeOf(early.errors)).toBe('BAD_USER_INPUT');
    expect(early.errors![0]!.message).toMatch(/PENDING_UPLOAD/);
    expect((await readImage(stack, pending.imageId, 'walt'))!.status).toBe('PENDING_UPLOAD');
    expect((await readImage(stack, done.id, 'walt'))!.preset).toBe('avatar');
  });

  it('a reprocessed image goes through moderation again, and a rejected one cannot be reprocessed', async () => {
    explicitness = 0;
    const image = await upload(stack, 'xena', await makeImage(400, 300, 'png'));
    expect(image.status).toBe('PROCESSED');
    explicitness = 0.9;
    try {
      await stack.gql(ReprocessImageDocument, { id: image.id }, 'xena');
      const after = await settle(stack, image.id, 'xena');
      expect(after).toMatchObject({ status: 'REJECTED', errorCode: 'MODERATION', variants: [] });
    } finally {
      explicitness = 0;
    }
    // Nothing of the earlier run is left to serve.
    expect(await variantKeys(stack, image.id)).toEqual([]);
    const refused = await stack.gql(
      ReprocessImageDocument,
      { id: image.id, preset: 'avatar' },
      'xena',
    );
    expect(codeOf(refused.errors)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0]!.message).toMatch(/REJECTED/);
    expect((await readImage(stack, image.id, 'xena'))!.status).toBe('REJECTED');
  });

  it('another caller can neither reprocess nor delete an image: NOT_FOUND, as for no image, and nothing changes', async () => {
    const image = await upload(stack, 'yuri', await makeImage(300, 300, 'png'));
    const keys = await variantKeys(stack, image.id);
    const missing = '00000000-0000-4000-8000-000000000000';
    const reprocess = (variables: ReprocessImageMutationVariables) =>
      stack.gql(ReprocessImageDocument, variables, 'zoe');
    const remove = (variables: DeleteImageMutationVariables) =>
      stack.gql(DeleteImageDocument, variables, 'zoe');
    for (const [send, variables] of [
      [reprocess, { id: image.id, preset: 'avatar' }],
      [remove, { id: image.id }],
      [reprocess, { id: missing }],
      [remove, { id: missing }],
    ] as const) {
      const response = await send(variables);
      expect(response.data).toBeNull();
      expect(response.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
      // The same words whoever owns the id: nothing to learn about other callers' images.
      expect(response.errors![0]!.message).toBe(`No image ${variables.id}`);
    }
    expect(await readImage(stack, image.id, 'yuri')).toMatchObject({
      status: 'PROCESSED',
      preset: 'default',
    });
    expect(await variantKeys(stack, image.id)).toEqual(keys);
    expect(await originalExists(stack, image.id)).toBe(true);

    const malformed = await stack.gql(DeleteImageDocument, { id: 'not-an-id' }, 'yuri');
    expect(malformed.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('deleteImage removes the record, the original and every variant; the counters keep their history', async () => {
    const image = await upload(stack, 'adam', await makeImage(500, 400, 'png'));
    expect(await variantKeys(stack, image.id)).toHaveLength(6);

    const response = await stack.gql(DeleteImageDocument, { id: image.id }, 'adam');
    expect(response).toEqual({ data: { deleteImage: true } });

    expect(await readImage(stack, image.id, 'adam')).toBeNull();
    const list = await stack.gql(ImagesDocument, {}, 'adam');
    expect(list.data!.images.edges).toEqual([]);
    expect(await variantKeys(stack, image.id)).toEqual([]);
    expect(await originalExists(stack, image.id)).toBe(false);
    const metrics = await stack.gql(MetricsDocument, {}, 'adam');
    expect(metrics.data!.metrics).toMatchObject({ total: 1, processed: 1 });

    const again = await stack.gql(DeleteImageDocument, { id: image.id }, 'adam');
    expect(codeOf(again.errors)).toBe('NOT_FOUND');
  });

  it('an image deleted while the processor works on it leaves nothing behind', async () => {
    let entered!: () => void;
    const inAnalysis = new Promise<void>((resolve) => (entered = resolve));
    let release!: () => void;
    hold = { entered, release: new Promise<void>((resolve) => (release = resolve)) };
    try {
      const t = await ticket(stack, 'beth');
      expect((await postUpload(t, await makeImage(800, 600, 'png'))).status).toBe(204);
      await inAnalysis;
      expect((await readImage(stack, t.imageId, 'beth'))!.status).toBe('PROCESSING');
      const response = await stack.gql(DeleteImageDocument, { id: t.imageId }, 'beth');
      expect(response.data!.deleteImage).toBe(true);
      release();
      await stack.idle();
      // The processor rendered and wrote its variants, found the record gone, and removed them.
      expect(outcomes).toContainEqual({
        outcome: 'skipped',
        imageId: t.imageId,
        reason: 'image deleted',
      });
      expect(await variantKeys(stack, t.imageId)).toEqual([]);
      expect(await originalExists(stack, t.imageId)).toBe(false);
    } finally {
      hold = undefined;
    }
  });

  it('an upload that arrives after its image was deleted is removed, not processed', async () => {
    const t = await ticket(stack, 'carl');
    const response = await stack.gql(DeleteImageDocument, { id: t.imageId }, 'carl');
    expect(response.data!.deleteImage).toBe(true);
    // The ticket is still valid: S3 takes the upload, and the processor finds no image for it.
    expect((await postUpload(t, await makeImage(100, 100, 'png'))).status).toBe(204);
    await stack.idle();
    expect(outcomes).toContainEqual({
      outcome: 'skipped',
      imageId: t.imageId,
      reason: 'no such image; original removed',
    });
    expect(await originalExists(stack, t.imageId)).toBe(false);
    expect(await variantKeys(stack, t.imageId)).toEqual([]);
  });
});

describe('effects from a presets file of its own (PRESETS_FILE)', () => {
  let dir: string;
  let stack: TestStack;
  let effects: Map<string, Variant>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'darkroom-presets-'));
    await writeFile(
      join(dir, 'mark.png'),
      await sharp({ create: { width: 40, height: 40, channels: 3, background: '#000000' } })
        .png()
        .toBuffer(),
    );
    const out = (name: string, operations: unknown[], extra: object = {}) => ({
      name,
      width: 200,
      format: 'png',
      operations,
      ...extra,
    });
    await writeFile(
      join(dir, 'presets.json'),
      JSON.stringify({
        presets: {
          default: { outputs: [{ name: 'plain', width: 100, format: 'jpeg' }] },
          effects: {
            outputs: [
              out('grey', [{ op: 'greyscale' }]),
              out('flop', [{ op: 'flop' }]),
              out('flip', [{ op: 'flip' }]),
              out('turn', [{ op: 'rotate', angle: 90 }]),
              out('box', [{ op: 'crop', box: { left: 0.5, top: 0, width: 0.5, height: 1 } }]),
              out('mark', [
                {
                  op: 'watermark',
                  image: 'mark.png',
                  position: 'northeast',
                  opacity: 0.5,
                  size: 0.2,
                  margin: 0,
                },
              ]),
              out('text', [
                {
                  op: 'watermark',
                  text: 'DARKROOM',
                  colour: '#000000',
                  position: 'southwest',
                  opacity: 1,
                  size: 0.45,
                },
              ]),
            ],
          },
          crops: {
            outputs: [
              {
                name: 'smart',
                width: 100,
                height: 100,
                fit: 'cover',
                format: 'png',
                operations: [{ op: 'crop', smart: true }],
              },
              { name: 'centre', width: 100, height: 100, fit: 'cover', format: 'png' },
            ],
          },
        },
      }),
    );
    stack = await startTestStack({ PRESETS_FILE: join(dir, 'presets.json') });
    const image = await upload(stack, 'fx', await quadrants(), 'effects');
    expect(image.status).toBe('PROCESSED');
    effects = new Map(image.variants.map((v) => [v.name, v]));
  });
  afterAll(async () => {
    await stack?.dispose();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('the presets query lists the file’s presets instead of the shipped ones', async () => {
    const response = await stack.gql(PresetsDocument);
    expect(response.data!.presets.map((p) => p.name)).toEqual(['default', 'effects', 'crops']);
  });

  it('greyscale leaves every pixel with equal channels', async () => {
    const { data } = await pixelsOf(effects.get('grey')!);
    for (let i = 0; i < data.length; i += 3) {
      expect(
        Math.abs(data[i]! - data[i + 1]!) + Math.abs(data[i + 1]! - data[i + 2]!),
      ).toBeLessThanOrEqual(2);
    }
  });

  it('flop mirrors left to right, flip top to bottom, rotate turns clockwise', async () => {
    const [red, blue, green] = [
      [255, 0, 0],
      [0, 0, 255],
      [0, 255, 0],
    ];
    const flop = await pixelsOf(effects.get('flop')!);
    expect([flop.info.width, flop.info.height]).toEqual([200, 100]);
    expect(near(flop.at(10, 10), blue)).toBe(true);
    expect(near(flop.at(190, 10), red)).toBe(true);
    const flip = await pixelsOf(effects.get('flip')!);
    expect(near(flip.at(10, 10), green)).toBe(true);
    expect(near(flip.at(10, 90), red)).toBe(true);
    // Turned a quarter clockwise: 200 wide now means 200×400, the bottom-left now top-left.
    const turn = await pixelsOf(effects.get('turn')!);
    expect([turn.info.width, turn.info.height]).toEqual([200, 400]);
    expect(near(turn.at(10, 10), green)).toBe(true);
    expect(near(turn.at(190, 10), red)).toBe(true);
  });

  it('a crop box keeps only its region, and the output box is fitted to that', async () => {
    const box = await pixelsOf(effects.get('box')!);
    expect([box.info.width, box.info.height]).toEqual([200, 200]);
    expect(near(box.at(10, 10), [0, 0, 255])).toBe(true);
    expect(near(box.at(10, 190), [255, 255, 255])).toBe(true);
  });

  it('an image watermark sits in its corner at its opacity; the rest is untouched', async () => {
    const mark = await pixelsOf(effects.get('mark')!);
    // Black at 50% over blue, in the top-right corner; the top-left is still red.
    expect(near(mark.at(195, 5), [0, 0, 128]), String(mark.at(195, 5))).toBe(true);
    expect(near(mark.at(5, 5), [255, 0, 0])).toBe(true);
    expect(near(mark.at(150, 5), [0, 0, 255])).toBe(true);
  });

  it('a text watermark darkens pixels in its corner only', async () => {
    const text = await pixelsOf(effects.get('text')!);
    const darkIn = (x0: number, y0: number, x1: number, y1: number) => {
      let dark = 0;
      for (let y = y0; y < y1; y++) {
        for (let x = x0; x < x1; x++) if (text.at(x, y).every((c) => c < 100)) dark++;
      }
      return dark;
    };
    expect(darkIn(0, 50, 100, 100)).toBeGreaterThan(20);
    expect(darkIn(100, 0, 200, 50)).toBe(0);
  });

  it('a smart crop keeps the interesting region; a plain cover crop takes the centre', async () => {
    const image = await upload(stack, 'fx', await patchAtRight(), 'crops');
    const byName = new Map(image.variants.map((v) => [v.name, v]));
    const stdev = async (name: string) => {
      const response = await fetch(byName.get(name)!.url);
      const { channels } = await sharp(Buffer.from(await response.arrayBuffer())).stats();
      return Math.max(...channels.slice(0, 3).map((c) => c.stdev));
    };
    expect(await stdev('smart')).toBeGreaterThan(40);
    expect(await stdev('centre')).toBeLessThan(5);
  });
});

describe('a reprocess whose S3 notification never arrives', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({}, { autoProcess: false });
  });
  afterAll(() => stack?.dispose());

  it('is finished by the sweep, from the record the API left', async () => {
    const bytes = await makeImage(600, 400, 'png');
    const t = await ticket(stack, 'dora');
    expect((await postUpload(t, bytes)).status).toBe(204);
    await stack.processor(objectCreatedEvent(t.imageId, bytes));
    expect((await readImage(stack, t.imageId, 'dora'))!.status).toBe('PROCESSED');

    const response = await stack.gql(
      ReprocessImageDocument,
      { id: t.imageId, preset: 'avatar' },
      'dora',
    );
    expect(response.errors).toBeUndefined();
    // Nothing delivers the copy's notification here: the image waits, PROCESSING.
    await stack.idle();
    expect((await readImage(stack, t.imageId, 'dora'))!.status).toBe('PROCESSING');

    const outcomes = await stack.sweep();
    expect(outcomes).toContainEqual({
      outcome: 'finished',
      imageId: t.imageId,
      status: 'PROCESSED',
    });
    const image = (await readImage(stack, t.imageId, 'dora'))!;
    expect(image.preset).toBe('avatar');
    expect(image.variants.map((v) => v.name).sort()).toEqual(['avatar', 'avatar', 'icon']);
  });
});

/**
 * HEIC through the embedded stack: uploads as an iPhone makes them (image/heic, a rotation in
 * `irot` with the same in EXIF beside it, 12 megapixels, bursts), every variant a real image of the
 * recorded size, renders on demand from the HEIC original, and the refusals (truncated, too large).
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateUploadDocument,
  ImageDetailsDocument,
  ImageTransformUrlDocument,
} from '../../src/client/operations.js';
import {
  claimingSize,
  heifEnc,
  heifEncAvailable,
  rotated,
  warnWithoutHeifEnc,
} from '../helpers/heic.js';
import { makeImage } from '../helpers/images.js';
import { postUpload, startTestStack, type TestStack } from '../helpers/stack.js';

async function processed(stack: TestStack, bytes: Buffer, contentType = 'image/heic') {
  const created = await stack.gql(
    CreateUploadDocument,
    { input: { filename: 'IMG_0001.HEIC', contentType, bytes: bytes.length } },
    'ines',
  );
  expect(created.errors).toBeUndefined();
  const ticket = created.data!.createUpload;
  expect((await postUpload(ticket, bytes)).status).toBe(204);
  await stack.idle();
  return (await stack.gql(ImageDetailsDocument, { id: ticket.imageId }, 'ines')).data!.image!;
}

type Image = Awaited<ReturnType<typeof processed>>;

/** Fetches every variant and checks it decodes, in its format, at the size the preset makes. */
async function expectVariantsDecode(image: Image, sizes: Record<string, [number, number]>) {
  expect(new Set(image.variants.map((v) => v.name))).toEqual(new Set(Object.keys(sizes)));
  for (const variant of image.variants) {
    const response = await fetch(variant.url);
    expect(response.status, variant.name).toBe(200);
    const meta = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
    expect([meta.format, meta.width, meta.height], variant.name).toEqual([
      variant.format,
      ...sizes[variant.name]!,
    ]);
    expect([variant.width, variant.height]).toEqual(sizes[variant.name]);
  }
}

/** The RGB at a fraction of a variant's width and height. */
async function colourAt(url: string, fx: number, fy: number) {
  const bytes = Buffer.from(await (await fetch(url)).arrayBuffer());
  const { data, info } = await sharp(bytes)
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const at = (Math.floor(info.height * fy) * info.width + Math.floor(info.width * fx)) * 3;
  return [...data.subarray(at, at + 3)];
}
const isRed = ([r, g, b]: number[]) => r! > 200 && g! < 60 && b! < 60;

warnWithoutHeifEnc('HEIC integration tests');
describe.skipIf(!heifEncAvailable)('HEIC uploads', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ MAX_INPUT_PIXELS: '40000000' });
  });
  afterAll(() => stack?.dispose());

  it('createUpload accepts image/heic and image/heif', async () => {
    for (const contentType of ['image/heic', 'image/heif', 'IMAGE/HEIC']) {
      const created = await stack.gql(
        CreateUploadDocument,
        { input: { filename: 'IMG_0002.HEIC', contentType } },
        'ines',
      );
      expect(created.errors, contentType).toBeUndefined();
    }
  });

  it('processes a 12-megapixel iPhone-style photo: rotated by irot once, every variant decodes', async () => {
    // 4032×3024 as the sensor reads it, irot a quarter turn, EXIF orientation 6 beside it.
    const sensor = await makeImage(4032, 3024, 'jpeg', { orientation: 6 });
    const heic = rotated(heifEnc([sensor], { quality: 60 }), 3);
    const image = await processed(stack, heic);
    expect(image).toMatchObject({
      status: 'PROCESSED',
      format: 'heic',
      width: 3024,
      height: 4032,
      warnings: [],
      error: null,
    });
    expect(image.timings!.decodeMs).toBeGreaterThan(0);
    // The default preset: a 150 px square, 640 wide, and inside 1280×720.
    await expectVariantsDecode(image, { thumb: [150, 150], small: [640, 853], large: [540, 720] });
    // Three quarter turns anticlockwise (one clockwise): the top-left marker is now top right.
    const largest = image.variants.reduce((a, b) => (b.width > a.width ? b : a));
    expect(isRed(await colourAt(largest.url, 0.9, 0.05))).toBe(true);
    expect(isRed(await colourAt(largest.url, 0.05, 0.05))).toBe(false);
  });

  it('renders any size on demand from the HEIC original', async () => {
    const image = await processed(stack, heifEnc([await makeImage(640, 480, 'png')]), 'image/heif');
    expect(image).toMatchObject({ status: 'PROCESSED', format: 'heic', warnings: [] });
    const response = await stack.gql(
      ImageTransformUrlDocument,
      { id: image.id, width: 222, format: 'WEBP' },
      'ines',
    );
    expect(response.errors).toBeUndefined();
    const render = await fetch(response.data!.image!.transformUrl!);
    expect(render.status).toBe(200);
    const meta = await sharp(Buffer.from(await render.arrayBuffer())).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 222, 167]);
  });

  it('uses the primary image of a burst and says so', async () => {
    const burst = heifEnc(
      [
        await makeImage(400, 300, 'jpeg'),
        await makeImage(300, 400, 'jpeg'),
        await makeImage(200, 200, 'jpeg'),
      ],
      { thumbnail: 64 },
    );
    const image = await processed(stack, burst);
    expect(image).toMatchObject({ status: 'PROCESSED', width: 400, height: 300 });
    expect(image.warnings).toEqual([
      "the file holds 3 images (a burst or a Live Photo's still, say); the primary one is used",
    ]);
    // Never enlarged: the primary image's own size, but for the thumbnail's square.
    await expectVariantsDecode(image, { thumb: [150, 150], small: [400, 300], large: [400, 300] });
  });

  it('ends a truncated HEIC FAILED CORRUPT, with nothing served', async () => {
    const whole = heifEnc([await makeImage(1600, 1200, 'png')]);
    const image = await processed(stack, whole.subarray(0, Math.floor(whole.length / 2)));
    expect(image).toMatchObject({ status: 'FAILED', errorCode: 'CORRUPT', variants: [] });
    expect(image.error).toMatch(/^could not decode the HEIC: /);
  });

  it('refuses a HEIC over the pixel limit from its header (TOO_MANY_PIXELS)', async () => {
    const claimed = claimingSize(heifEnc([await makeImage(64, 48, 'png')]), 8000, 6000);
    const image = await processed(stack, claimed);
    expect(image).toMatchObject({ status: 'FAILED', errorCode: 'TOO_MANY_PIXELS', variants: [] });
    expect(image.error).toBe('image is 8000×6000 (48 megapixels); the limit is 40 megapixels');
  });
});

/**
 * HEIC, from the bytes to the pixels: recognised by its brands and its header's codec, refused
 * from the header alone when too large, decoded by libheif's WebAssembly build with its
 * orientation, profile and alpha, and stopped at the time limit.
 */
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeOnce } from '../../src/imaging/decode.js';
import { decodeHeic } from '../../src/imaging/heic/decode-heic.js';
import { readHeader } from '../../src/imaging/header.js';
import { heifPrimaryCodecs } from '../../src/model/heif-items.js';
import { sniffImageFormat } from '../../src/model/sniff.js';
import { guardUpload } from '../../src/processor/guard/index.js';
import {
  heifEnc,
  claimingSize,
  heifEncAvailable,
  rotated,
  warnWithoutHeifEnc,
} from '../helpers/heic.js';
import { makeImage } from '../helpers/images.js';

const LIMITS = {
  maxBytes: 25 * 1024 * 1024,
  allowSvg: false,
  maxMetadataBytes: 64 * 1024 * 1024,
  maxPixels: 100_000_000,
  maxFrames: 1,
};
const OUTPUT = {
  name: 'full',
  formats: ['png' as const],
  quality: 90,
  fit: 'inside' as const,
  width: 4000,
};

/** The RGB of the decoded working copy at (x, y). */
const pixel = (image: { data: Buffer; width: number; channels: number }, x: number, y: number) => {
  const at = (y * image.width + x) * image.channels;
  return [...image.data.subarray(at, at + 3)];
};
const near = (actual: number[], expected: number[], tolerance: number) =>
  actual.every((v, i) => Math.abs(v - expected[i]!) <= tolerance);

warnWithoutHeifEnc('HEIC unit tests');
describe.skipIf(!heifEncAvailable)('HEIC', () => {
  let photo: Buffer;
  let large: Buffer;
  beforeAll(async () => {
    large = heifEnc([await makeImage(3000, 2000, 'png')], { quality: 50 });
    // A red marker in the top-left quarter; EXIF orientation 6, as an iPhone writes beside irot.
    photo = heifEnc([await makeImage(300, 200, 'jpeg', { orientation: 6 })]);
  });

  it('is recognised whatever was declared, and image/heic and image/heif are both right', async () => {
    for (const declared of ['image/heic', 'image/heif']) {
      expect(await guardUpload(photo, declared, LIMITS)).toMatchObject({
        format: 'heic',
        warnings: [],
      });
    }
    expect(await guardUpload(photo, 'image/jpeg', LIMITS)).toMatchObject({
      format: 'heic',
      warnings: ['declared image/jpeg but the bytes are image/heic'],
    });
  });

  it('goes by the primary item’s codec, not the brands', async () => {
    // HEVC in a file branded avif (the major brand is what libvips goes by): still a HEIC.
    const avifBranded = Buffer.from(photo);
    avifBranded.write('avif', 8, 'latin1');
    expect(await guardUpload(avifBranded, 'image/avif', LIMITS)).toMatchObject({
      format: 'heic',
      warnings: ['declared image/avif but the bytes are image/heic'],
    });
    expect((await decodeOnce(avifBranded, [OUTPUT], { maxPixels: 1e8 })).original.format).toBe(
      'heic',
    );
    // Another codec (here the item says JPEG) is refused by name, whatever the brands.
    const jpegItem = Buffer.from(photo);
    jpegItem.write('jpeg', jpegItem.indexOf('hvc1', 0, 'latin1'), 'latin1');
    await expect(guardUpload(jpegItem, 'image/heic', LIMITS)).rejects.toMatchObject({
      code: 'NOT_AN_IMAGE',
      message:
        'not a supported image: a HEIF whose image is coded as jpeg (declared image/heic); Darkroom reads HEIF coded with HEVC (HEIC) or AV1 (AVIF): convert it to one of those, or to JPEG or PNG',
    });
  });

  it('decodes the primary image with sharp’s pipeline after it, and names the format heic', async () => {
    const decoded = await decodeOnce(photo, [OUTPUT], { maxPixels: 1e8 });
    expect(decoded.original).toEqual({ width: 300, height: 200, format: 'heic' });
    expect([decoded.working.width, decoded.working.height]).toEqual([300, 200]);
    // The marker is where it was drawn: EXIF orientation inside a HEIF is not applied.
    expect(near(pixel(decoded.working, 10, 10), [255, 0, 0], 12)).toBe(true);
    expect(near(pixel(decoded.working, 290, 190), [255, 0, 0], 12)).toBe(false);
  });

  it('applies irot once (the EXIF orientation beside it is not applied again)', async () => {
    const turned = rotated(photo, 1); // a quarter turn anticlockwise
    const header = await readHeader(turned);
    expect([header.autoOrient.width, header.autoOrient.height]).toEqual([200, 300]);
    const decoded = await decodeOnce(turned, [OUTPUT], { maxPixels: 1e8, header });
    expect(decoded.original).toMatchObject({ width: 200, height: 300 });
    // Anticlockwise, the top-left corner goes to the bottom left.
    expect(near(pixel(decoded.working, 10, 290), [255, 0, 0], 12)).toBe(true);
    expect(near(pixel(decoded.working, 10, 10), [255, 0, 0], 12)).toBe(false);
  });

  it('converts with the file’s colour profile: Display P3 numbers arrive as their sRGB colour', async () => {
    const srgb = [200, 100, 50];
    // sharp converts the colour into P3 and tags it: the file holds P3 numbers for this sRGB colour.
    const p3 = await sharp({
      create: { width: 64, height: 64, channels: 3, background: { r: 200, g: 100, b: 50 } },
    })
      .withIccProfile('p3')
      .png()
      .toBuffer();
    const stored = await sharp(p3, { ignoreIcc: true }).raw().toBuffer();
    // Read without the profile, the numbers are another colour: dropping it would show.
    expect(near(pixel({ data: stored, width: 64, channels: 3 }, 32, 32), srgb, 8)).toBe(false);
    const heic = heifEnc([p3], { quality: 95 });
    expect((await readHeader(heic)).icc?.length).toBeGreaterThan(0);
    const decoded = await decodeOnce(heic, [OUTPUT], { maxPixels: 1e8 });
    expect(pixel(decoded.working, 32, 32)).toSatisfy((rgb: number[]) => near(rgb, srgb, 4));
  });

  it('keeps transparency', async () => {
    const heic = heifEnc([await makeImage(64, 64, 'png', { alpha: true })]);
    const decoded = await decodeOnce(heic, [OUTPUT], { maxPixels: 1e8 });
    expect(decoded.working.channels).toBe(4);
    const alpha = (x: number) => decoded.working.data[(32 * 64 + x) * 4 + 3]!;
    expect([alpha(8), alpha(56)]).toEqual([255, 0]);
  });

  it('uses the primary image of a burst, and says so rather than counting frames', async () => {
    const burst = heifEnc([await makeImage(120, 80, 'jpeg'), await makeImage(80, 120, 'jpeg')], {
      thumbnail: 32,
    });
    const guarded = await guardUpload(burst, 'image/heic', LIMITS);
    expect(guarded.warnings).toEqual([
      "the file holds 2 images (a burst or a Live Photo's still, say); the primary one is used",
    ]);
    const decoded = await decodeOnce(burst, [OUTPUT], { maxPixels: 1e8, header: guarded.header });
    expect(decoded.original).toMatchObject({ width: 120, height: 80 });
  });

  it('refuses a HEIC over the pixel limit from its header, before any decode', async () => {
    // The header claims 20000×20000; the data holds 300×200: only the header can have been read.
    const claimed = claimingSize(photo, 20_000, 20_000);
    await expect(guardUpload(claimed, 'image/heic', LIMITS)).rejects.toMatchObject({
      code: 'TOO_MANY_PIXELS',
      message: 'image is 20000×20000 (400 megapixels); the limit is 100 megapixels',
    });
  });

  it('ends a truncated file as CORRUPT, naming what libheif found', async () => {
    // Cut inside the coded data (mdat follows meta): the header reads, the decode cannot.
    const truncated = large.subarray(0, Math.floor(large.length / 3));
    const header = await readHeader(truncated);
    await expect(decodeOnce(truncated, [OUTPUT], { maxPixels: 1e8, header })).rejects.toMatchObject(
      {
        code: 'CORRUPT',
        message: expect.stringMatching(
          /^could not decode the HEIC: .*end of (file|data)/i,
        ) as string,
      },
    );
  });

  it('stops a decode at the time limit, and the next decode works', async () => {
    const header = await readHeader(large);
    await expect(decodeHeic(large, header, 0.05)).rejects.toMatchObject({
      code: 'TIMEOUT',
      message: 'decoding the HEIC took longer than 0.05 s',
    });
    const tiff = await decodeHeic(large, header, 30);
    expect(await sharp(tiff).metadata()).toMatchObject({
      format: 'tiff',
      width: 3000,
      height: 2000,
    });
  });
});

describe('the primary item’s codec', () => {
  const box = (type: string, ...body: Buffer[]) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(8 + body.reduce((n, b) => n + b.length, 0));
    head.write(type, 4, 'latin1');
    return Buffer.concat([head, ...body]);
  };
  const full = (version: number) => Buffer.from([version, 0, 0, 0]);
  const u16 = (...values: number[]) => Buffer.from(values.flatMap((v) => [v >> 8, v & 255]));
  const infe = (id: number, type: string) =>
    box('infe', full(2), u16(id, 0), Buffer.from(type, 'latin1'));

  it('follows an iPhone’s grid to the HEVC tiles it is made of', () => {
    const file = Buffer.concat([
      box('ftyp', Buffer.from('mif1\0\0\0\0mif1MiHE', 'latin1')),
      box(
        'meta',
        full(0),
        box('pitm', full(0), u16(1)),
        box(
          'iinf',
          full(0),
          u16(4),
          infe(1, 'grid'),
          infe(2, 'hvc1'),
          infe(3, 'hvc1'),
          infe(4, 'Exif'),
        ),
        box('iref', full(0), box('dimg', u16(1, 2, 2, 3))),
      ),
    ]);
    expect(heifPrimaryCodecs(file)).toEqual(['hvc1']);
    expect(sniffImageFormat(file)).toBe('heic');
  });
});

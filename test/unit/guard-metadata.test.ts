import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { loadProcessorConfig } from '../../src/config/processor.js';
import { guardUpload, type GuardLimits } from '../../src/processor/guard/index.js';
import { jpegMetadata } from '../../src/processor/guard/metadata.js';
import { MINIMAL_API_ENV } from '../helpers/config.js';
import { makeImage } from '../helpers/images.js';
import {
  exifSegments,
  insertAfterFirstSegment,
  jpegSegment,
  jpegWithExtendedXmp,
  jpegWithJunkBeforeMetadata,
  realPhotos,
} from '../helpers/input-findings.js';

/** The limits the processor runs with by default. */
const { MAX_METADATA_BYTES, MAX_UPLOAD_BYTES } = loadProcessorConfig(MINIMAL_API_ENV);
const DEFAULTS: GuardLimits = {
  maxBytes: MAX_UPLOAD_BYTES,
  allowSvg: false,
  maxMetadataBytes: MAX_METADATA_BYTES,
  maxPixels: 100_000_000,
};
/** The hostile-input suite's lower limit. */
const STRICT: GuardLimits = { ...DEFAULTS, maxMetadataBytes: 512 * 1024 };

describe('the metadata walk (finding 4)', () => {
  it('refuses metadata over the limit behind a byte libjpeg skips', async () => {
    const jpeg = await jpegWithJunkBeforeMetadata();
    // libjpeg skips the byte with a warning and reads the EXIF segments behind it.
    expect((await sharp(jpeg).metadata()).exif?.length).toBeGreaterThan(60_000);
    await expect(guardUpload(jpeg, 'image/jpeg', STRICT)).rejects.toMatchObject({
      code: 'METADATA_TOO_LARGE',
      message: 'metadata totals 3.0 MB (EXIF 3.0 MB); the limit is 512 kB',
    });
  });

  it.each([
    ['several junk bytes', Buffer.from('junk')],
    ['junk then fill bytes', Buffer.from([0x41, 0x42, 0xff, 0xff, 0xff])],
    ['a stuffed zero (FF 00)', Buffer.from([0xff, 0x00])],
  ])('measures the same with %s before the segments', async (_, junk) => {
    const clean = await jpegWithJunkBeforeMetadata(Buffer.alloc(0));
    const dirty = await jpegWithJunkBeforeMetadata(junk);
    expect(jpegMetadata(dirty).bytes).toBe(jpegMetadata(clean).bytes);
    expect(jpegMetadata(dirty).bytes).toBeGreaterThan(3_000_000);
  });

  it('counts segments between the scans of a progressive JPEG, as libjpeg reads them', async () => {
    const progressive = await sharp(await makeImage(256, 256, 'png'))
      .jpeg({ progressive: true })
      .toBuffer();
    // After the first scan's data: the second SOS marker.
    const firstScan = progressive.indexOf(Buffer.from([0xff, 0xda]));
    const secondScan = progressive.indexOf(Buffer.from([0xff, 0xda]), firstScan + 2);
    expect(secondScan).toBeGreaterThan(0);
    const hidden = Buffer.concat([
      progressive.subarray(0, secondScan),
      ...exifSegments(10),
      progressive.subarray(secondScan),
    ]);
    await sharp(hidden).raw().toBuffer(); // still an image libjpeg decodes
    expect(jpegMetadata(hidden).bytes - jpegMetadata(progressive).bytes).toBe(10 * 65_008);
  });
});

describe('large metadata (finding 10)', () => {
  it('processes a JPEG with 7 MB of Extended XMP, warning that the metadata was dropped', async () => {
    const jpeg = await jpegWithExtendedXmp();
    const guarded = await guardUpload(jpeg, 'image/jpeg', DEFAULTS);
    expect(guarded.warnings).toEqual([
      'metadata of 7.0 MB (extended XMP 7.0 MB, XMP 3 kB) was dropped: variants never carry metadata',
    ]);
  });

  it('keeps a bound on memory: MAX_METADATA_BYTES defaults to 64 MB, over the upload limit', () => {
    expect(MAX_METADATA_BYTES).toBe(64 * 1024 * 1024);
    expect(MAX_METADATA_BYTES).toBeGreaterThan(MAX_UPLOAD_BYTES);
  });

  it('says nothing of the metadata of real photos (none above 1 MB)', async () => {
    for (const { name, bytes } of realPhotos()) {
      const guarded = await guardUpload(bytes, 'image/jpeg', DEFAULTS);
      expect(
        guarded.warnings.filter((w) => w.includes('metadata')),
        name,
      ).toEqual([]);
    }
  });

  it('measures the metadata libvips read of other formats (WebP)', async () => {
    const webp = await sharp(await makeImage(64, 64, 'png'))
      .withXmp(`<x:xmpmeta xmlns:x="adobe:ns:meta/">${' '.repeat(2 * 1024 * 1024)}</x:xmpmeta>`)
      .webp()
      .toBuffer();
    const guarded = await guardUpload(webp, 'image/webp', DEFAULTS);
    expect(guarded.warnings).toEqual([
      'metadata of 2.0 MB (XMP 2.0 MB) was dropped: variants never carry metadata',
    ]);
    await expect(guardUpload(webp, 'image/webp', STRICT)).rejects.toMatchObject({
      code: 'METADATA_TOO_LARGE',
    });
  });
});

describe('malformed metadata is refused at any size', () => {
  /** Expects `upload` refused as METADATA_TOO_LARGE with a message matching `message`. */
  const refused = async (upload: Buffer, type: string, message: RegExp) => {
    const guarded = guardUpload(upload, type, DEFAULTS);
    await expect(guarded).rejects.toMatchObject({ code: 'METADATA_TOO_LARGE' });
    await expect(guarded).rejects.toThrow(message);
  };

  it('a segment that runs past the end of the file', async () => {
    const jpeg = await makeImage(64, 64, 'jpeg');
    const head = Buffer.from([0xff, 0xe1, 0xff, 0xf0, ...Buffer.from('Exif\0\0')]);
    const lying = Buffer.concat([jpeg.subarray(0, 2), head, Buffer.alloc(100)]);
    await refused(
      lying,
      'image/jpeg',
      /^malformed metadata: the APP1 segment at byte 2 declares 65520 bytes but 108 remain$/,
    );
  });

  it('a segment whose length is smaller than its length field', async () => {
    const jpeg = insertAfterFirstSegment(
      await makeImage(64, 64, 'jpeg'),
      Buffer.from([0xff, 0xfe, 0x00, 0x01]),
    );
    await refused(
      jpeg,
      'image/jpeg',
      /COM segment at byte \d+ declares 1 bytes, less than its length field/,
    );
  });

  it('extended XMP whose chunk lies outside its packet, whose packet is larger than the file, or whose chunks disagree', async () => {
    const outside = await jpegWithExtendedXmp(200_000, ({ index, full }) =>
      index === 2 ? { offset: full } : {},
    );
    await refused(
      outside,
      'image/jpeg',
      /extended XMP chunk at byte \d+ holds bytes \d+–\d+ of a \d+-byte packet/,
    );
    const huge = await jpegWithExtendedXmp(200_000, () => ({ full: 0xffff_fff0 }));
    await refused(huge, 'image/jpeg', /declares a 4294967280-byte packet, larger than the file/);
    const disagree = await jpegWithExtendedXmp(200_000, ({ index, full }) =>
      index === 1 ? { full: full + 1 } : {},
    );
    await refused(disagree, 'image/jpeg', /an earlier chunk said/);
  });

  it('a PNG text chunk that runs past the end of the file', async () => {
    const png = await makeImage(64, 64, 'png');
    const chunk = Buffer.alloc(12 + 10);
    chunk.writeUInt32BE(1_000_000, 0);
    chunk.write('tEXt', 4, 'latin1');
    chunk.writeUInt32BE(crc32(chunk.subarray(4, 18)), 18);
    const broken = Buffer.concat([png.subarray(0, 33), chunk]);
    await refused(
      broken,
      'image/png',
      /the tEXt chunk at byte 33 declares 1000000 bytes but 10 remain/,
    );
  });

  it('but a truncated image is the decoder’s to report (CORRUPT), as before', async () => {
    const jpeg = await makeImage(400, 300, 'jpeg');
    const half = jpeg.subarray(0, jpeg.length / 2);
    const guarded = await guardUpload(half, 'image/jpeg', DEFAULTS);
    expect(guarded.warnings).toEqual([]);
    const segments = jpegSegment(0xfe, Buffer.from('a comment'));
    expect(jpegMetadata(insertAfterFirstSegment(half, segments)).bytes).toBe(11);
  });
});

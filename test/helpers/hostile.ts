import { randomBytes } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import { makeImage } from './images.js';

/**
 * Hostile and broken inputs, built here byte by byte: nothing is downloaded or checked in.
 */

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG whose header declares width × height but carries one row of data: a decompression bomb. */
export function pngBomb(width = 100_000, height = 100_000): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.alloc(1 + width * 3))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An animated GIF of `frames` 1×1 frames (a few bytes each). */
export function manyFrameGif(frames: number): Buffer {
  const header = Buffer.from([
    ...Buffer.from('GIF89a', 'latin1'),
    1,
    0,
    1,
    0, // logical screen 1×1
    0x80,
    0,
    0, // global colour table of 2 entries
    0,
    0,
    0,
    255,
    255,
    255,
    // NETSCAPE2.0 loop extension: an animation
    0x21,
    0xff,
    0x0b,
    ...Buffer.from('NETSCAPE2.0', 'latin1'),
    3,
    1,
    0,
    0,
    0,
  ]);
  const frame = Buffer.from([
    0x21,
    0xf9,
    4,
    0,
    10,
    0,
    0,
    0, // graphic control: 100 ms
    0x2c,
    0,
    0,
    0,
    0,
    1,
    0,
    1,
    0,
    0, // image descriptor 1×1
    2,
    2,
    0x44,
    0x01,
    0, // LZW data for one pixel
  ]);
  return Buffer.concat([
    header,
    ...Array.from({ length: frames }, () => frame),
    Buffer.from([0x3b]),
  ]);
}

/** Inserts JPEG segments right after SOI. */
function withJpegSegments(jpeg: Buffer, segments: Buffer[]): Buffer {
  return Buffer.concat([jpeg.subarray(0, 2), ...segments, jpeg.subarray(2)]);
}

function jpegSegment(marker: number, payload: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

/** A valid JPEG dragging ~3 MB of EXIF-style APP1 segments. */
export async function jpegWithHugeExif(): Promise<Buffer> {
  const exif = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), Buffer.alloc(65_000, 0x41)]);
  return withJpegSegments(
    await makeImage(64, 64, 'jpeg'),
    Array.from({ length: 48 }, () => jpegSegment(0xe1, exif)),
  );
}

/** A JPEG that is also an HTML page: markup hidden in a comment segment. */
export async function htmlJpegPolyglot(): Promise<Buffer> {
  const html = Buffer.from('<html><body><script>alert(document.cookie)</script></body></html>');
  return withJpegSegments(await makeImage(64, 64, 'jpeg'), [jpegSegment(0xfe, html)]);
}

/** A JPEG whose frame header (SOF) is garbage. */
export async function jpegCorruptHeader(): Promise<Buffer> {
  const jpeg = Buffer.from(await makeImage(64, 64, 'jpeg'));
  const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
  const at = sof === -1 ? jpeg.indexOf(Buffer.from([0xff, 0xc2])) : sof;
  jpeg.fill(0xee, at + 4, at + 12);
  return jpeg;
}

/** A PNG whose IHDR is damaged (wrong CRC and impossible values). */
export async function pngCorruptHeader(): Promise<Buffer> {
  const png = Buffer.from(await makeImage(64, 64, 'png'));
  png.fill(0xff, 16, 29);
  return png;
}

export const SVG_WITH_EXTERNAL_ENTITY = Buffer.from(
  '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' +
    '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><text y="20">&xxe;</text></svg>',
);

export const CLEAN_SVG = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200">' +
    '<rect width="300" height="200" fill="#3366aa"/><circle cx="150" cy="100" r="60" fill="#fc3"/></svg>',
);

const half = (b: Buffer) => b.subarray(0, Math.floor(b.length / 2));

/** Every hostile case with what it must end as. */
export async function hostileCorpus() {
  return [
    { name: 'truncated JPEG', bytes: half(await makeImage(400, 300, 'jpeg')), code: 'CORRUPT' },
    { name: 'truncated PNG', bytes: half(await makeImage(400, 300, 'png')), code: 'CORRUPT' },
    { name: 'truncated WebP', bytes: half(await makeImage(400, 300, 'webp')), code: 'CORRUPT' },
    { name: 'JPEG with a corrupt header', bytes: await jpegCorruptHeader(), code: 'CORRUPT' },
    { name: 'PNG with a corrupt header', bytes: await pngCorruptHeader(), code: 'CORRUPT' },
    { name: 'random bytes', bytes: randomBytes(50_000), code: 'NOT_AN_IMAGE' },
    { name: 'a PNG declaring 100000×100000', bytes: pngBomb(), code: 'TOO_MANY_PIXELS' },
    {
      name: 'a JPEG with a huge EXIF block',
      bytes: await jpegWithHugeExif(),
      code: 'METADATA_TOO_LARGE',
    },
    { name: 'a GIF with 5000 frames', bytes: manyFrameGif(5000), code: 'TOO_MANY_FRAMES' },
    { name: 'an HTML+JPEG polyglot', bytes: await htmlJpegPolyglot(), code: 'SUSPICIOUS_CONTENT' },
    {
      name: 'text declared as an image',
      bytes: Buffer.from('hello, I am text\n'.repeat(50)),
      code: 'NOT_AN_IMAGE',
    },
    {
      name: 'an SVG with an external entity',
      bytes: SVG_WITH_EXTERNAL_ENTITY,
      code: 'NOT_AN_IMAGE',
    },
  ] as const;
}

import sharp from 'sharp';
import { thumbHashToApproximateAspectRatio, thumbHashToAverageRGBA } from 'thumbhash';
import { describe, expect, it } from 'vitest';
import { dominantColor } from '../../src/processor/fingerprint/dominant-color.js';
import { fingerprint } from '../../src/processor/fingerprint/index.js';
import { hammingDistance, PHASH_PATTERN, perceptualHash } from '../../src/model/phash.js';
import { decodeOnce } from '../../src/imaging/decode.js';
import { shippedPreset } from '../../src/presets/load.js';
import { makeImage } from '../helpers/images.js';
import { makeScene } from '../helpers/scenes.js';

/** What the processor does: one decode, then the fingerprints from it. */
const fingerprintOf = async (bytes: Buffer) =>
  fingerprint(await decodeOnce(bytes, shippedPreset().outputs, { maxPixels: 100_000_000 }));

const phashOf = async (bytes: Buffer) => (await fingerprintOf(bytes)).phash;

const originals = {
  gradient: () => makeImage(900, 600, 'jpeg'),
  blobs: () => makeScene('blobs', 900, 600, 'jpeg', 1),
  otherBlobs: () => makeScene('blobs', 900, 600, 'jpeg', 2),
  rings: () => makeScene('rings', 900, 600, 'jpeg'),
  clouds: () => makeScene('clouds', 900, 600, 'jpeg', 1),
  otherClouds: () => makeScene('clouds', 900, 600, 'jpeg', 2),
};
type Name = keyof typeof originals;

describe('the perceptual hash', () => {
  it.each(['gradient', 'blobs', 'rings', 'clouds'] as Name[])(
    'of %s barely moves when the picture is resized, recompressed, brightened or trimmed',
    async (name) => {
      const original = await originals[name]();
      const hash = await phashOf(original);
      expect(hash).toMatch(PHASH_PATTERN);
      const copies = [
        await sharp(original).resize(300).webp({ quality: 30 }).toBuffer(),
        await sharp(original).resize(1800).png().toBuffer(),
        await sharp(original).modulate({ brightness: 1.2 }).jpeg({ quality: 50 }).toBuffer(),
        await sharp(original)
          .extract({ left: 20, top: 10, width: 860, height: 580 })
          .jpeg({ quality: 70 })
          .toBuffer(),
      ];
      for (const copy of copies) {
        expect(hammingDistance(hash, await phashOf(copy))).toBeLessThanOrEqual(10);
      }
    },
  );

  it('tells different pictures apart, even two of the same kind', async () => {
    const hashes = await Promise.all(
      (Object.keys(originals) as Name[]).map(async (name) => ({
        name,
        hash: await phashOf(await originals[name]()),
      })),
    );
    for (const [i, a] of hashes.entries()) {
      for (const b of hashes.slice(i + 1)) {
        expect(hammingDistance(a.hash, b.hash), `${a.name} vs ${b.name}`).toBeGreaterThan(20);
      }
    }
  });

  /** Seeded noise: every coefficient well away from zero, unlike a smooth gradient's. */
  const noise = (seed: number) =>
    Uint8Array.from({ length: 32 * 32 }, (_, i) => ((i * 2654435761 + seed * 97) >>> 24) & 0xff);

  it('matches the textbook 2-D DCT, bit for bit', () => {
    // The module computes only the 8×8 low frequencies, separably; this is the direct sum.
    const grey = noise(3);
    const coefficient = (u: number, v: number) => {
      let sum = 0;
      for (let y = 0; y < 32; y++) {
        for (let x = 0; x < 32; x++) {
          sum +=
            grey[y * 32 + x]! *
            Math.cos(((2 * x + 1) * u * Math.PI) / 64) *
            Math.cos(((2 * y + 1) * v * Math.PI) / 64);
        }
      }
      return sum * (u === 0 ? Math.SQRT1_2 : 1) * (v === 0 ? Math.SQRT1_2 : 1);
    };
    const block = Array.from({ length: 64 }, (_, i) => coefficient(i % 8, Math.floor(i / 8)));
    const sorted = [...block].sort((a, b) => a - b);
    const median = (sorted[31]! + sorted[32]!) / 2;
    const bits = block.map((c) => (c > median ? '1' : '0')).join('');
    const expected = BigInt(`0b${bits}`).toString(16).padStart(16, '0');
    expect(perceptualHash(grey)).toBe(expected);
  });

  it('inverting the picture flips nearly every bit', () => {
    const grey = noise(5);
    const inverted = grey.map((v) => 255 - v);
    // Every coefficient but the zero-frequency one changes sign, and the median with them.
    expect(hammingDistance(perceptualHash(grey), perceptualHash(inverted))).toBeGreaterThan(56);
  });

  it('refuses input of the wrong size and malformed hashes', () => {
    expect(() => perceptualHash(new Uint8Array(31 * 32))).toThrow(RangeError);
    expect(() => hammingDistance('abc', '0'.repeat(16))).toThrow(RangeError);
    expect(hammingDistance('ffffffffffffffff', '0000000000000000')).toBe(64);
    expect(hammingDistance('8000000000000001', '0000000000000000')).toBe(2);
  });
});

describe('the dominant colour', () => {
  const rgba = (pixels: [number, number, number, number][]) => Uint8Array.from(pixels.flat());

  it('is the most common colour, exactly, not the centre of its histogram bin', () => {
    const pixels = [
      ...Array.from({ length: 60 }, () => [255, 0, 0, 255] as [number, number, number, number]),
      ...Array.from({ length: 40 }, () => [0, 0, 255, 255] as [number, number, number, number]),
    ];
    expect(dominantColor(rgba(pixels))).toBe('#ff0000');
  });

  it('counts pixels by their opacity, so hidden colours never win', () => {
    const pixels = [
      ...Array.from({ length: 80 }, () => [0, 0, 0, 0] as [number, number, number, number]),
      ...Array.from({ length: 20 }, () => [16, 160, 32, 255] as [number, number, number, number]),
    ];
    expect(dominantColor(rgba(pixels))).toBe('#10a020');
    expect(dominantColor(rgba([[9, 9, 9, 0]]))).toBeUndefined();
  });
});

describe('fingerprints from the single decode', () => {
  it('a placeholder that decodes to the picture’s aspect ratio and average colour', async () => {
    // A flat colour, so the average is known; 2:1, so the aspect ratio is.
    const flat = await sharp({
      create: { width: 800, height: 400, channels: 3, background: { r: 40, g: 120, b: 200 } },
    })
      .png()
      .toBuffer();
    const result = await fingerprintOf(flat);
    const hash = Buffer.from(result.placeholder, 'base64');
    expect(hash.length).toBeLessThanOrEqual(30);
    expect(thumbHashToApproximateAspectRatio(hash)).toBeCloseTo(2, 0);
    const average = thumbHashToAverageRGBA(hash);
    expect(average.r * 255).toBeCloseTo(40, -1);
    expect(average.g * 255).toBeCloseTo(120, -1);
    expect(average.b * 255).toBeCloseTo(200, -1);
    expect(result.dominantColor).toBe('#2878c8');
    expect(result.fingerprintMs).toBeGreaterThanOrEqual(0);
  });

  it('keeps transparency in the placeholder and ignores transparent areas for the colour', async () => {
    // Left half opaque gradient with a red marker, right half fully transparent.
    const result = await fingerprintOf(await makeImage(400, 300, 'png', { alpha: true }));
    const average = thumbHashToAverageRGBA(Buffer.from(result.placeholder, 'base64'));
    expect(average.a).toBeLessThan(0.75);
    expect(average.a).toBeGreaterThan(0.25);
    expect(result.dominantColor).toMatch(/^#f[0-9a-f]0[0-9a-f]0[0-9a-f]$/); // the red marker
  });

  it('works from greyscale originals', async () => {
    const grey = await sharp(await makeImage(300, 300, 'png'))
      .greyscale()
      .png()
      .toBuffer();
    const result = await fingerprintOf(grey);
    expect(result.phash).toMatch(PHASH_PATTERN);
    const [r, g, b] = [1, 3, 5].map((i) => result.dominantColor!.slice(i, i + 2));
    expect(r).toBe(g);
    expect(g).toBe(b);
  });
});

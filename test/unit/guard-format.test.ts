import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { isoBrands, sniffImageFormat } from '../../src/model/sniff.js';
import { guardUpload } from '../../src/processor/guard/index.js';
import { runPipeline } from '../../src/processor/pipeline.js';
import { shippedPreset } from '../../src/presets/load.js';
import { dosEps, plainEps } from '../helpers/eps.js';
import { avifWithMajorBrand, heicBrandedFile } from '../helpers/input-findings.js';

const LIMITS = {
  maxBytes: 25 * 1024 * 1024,
  allowSvg: false,
  maxMetadataBytes: 64 * 1024 * 1024,
  maxPixels: 100_000_000,
};

/** An ftyp box of `brands` (major first), with a 32-bit or 64-bit size, or size 0 (to the end). */
function ftyp(brands: string[], size: 'normal' | 'large' | 'to-end' = 'normal'): Buffer {
  const [major, ...compatible] = brands;
  const body = Buffer.from(`${major}\0\0\0\0${compatible.join('')}`, 'latin1');
  if (size === 'large') {
    const head = Buffer.alloc(16);
    head.writeUInt32BE(1, 0);
    head.write('ftyp', 4, 'latin1');
    head.writeBigUInt64BE(BigInt(16 + body.length), 8);
    return Buffer.concat([head, body]);
  }
  const head = Buffer.alloc(8);
  head.writeUInt32BE(size === 'to-end' ? 0 : 8 + body.length, 0);
  head.write('ftyp', 4, 'latin1');
  return Buffer.concat([head, body]);
}

describe('AVIF by its brands (finding 9)', () => {
  it('accepts, and processes, an AVIF whose major brand is mif1 with avif compatible', async () => {
    const avif = await avifWithMajorBrand('mif1');
    expect(isoBrands(avif)).toEqual(['mif1', 'mif1', 'avif', 'miaf']);
    expect(sniffImageFormat(avif)).toBe('avif');
    const guarded = await guardUpload(avif, 'image/avif', LIMITS);
    expect(guarded).toMatchObject({ format: 'avif', warnings: [] });
    // sharp decodes it as it decodes any AVIF.
    const { info } = await sharp(avif).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([96, 64]);
    const result = await runPipeline(avif, shippedPreset().outputs, { maxPixels: 100_000_000 });
    expect(result.variants.length).toBeGreaterThan(0);
  });

  it.each([
    [['avif', 'mif1', 'miaf']],
    [['mif1', 'avif']],
    [['msf1', 'avis', 'iso8']],
    [['miaf', 'MA1B', 'avif']],
  ])('reads %j as AVIF, whatever the position of the avif brand', (brands) => {
    for (const size of ['normal', 'large', 'to-end'] as const) {
      expect(sniffImageFormat(ftyp(brands, size)), `${brands.join(',')} ${size}`).toBe('avif');
    }
  });

  it('reads HEIF brands without avif as HEIC, and lets the header name the codec', async () => {
    for (const brands of [['heic', 'mif1'], ['mif1', 'heic'], ['heix'], ['mif1', 'miaf']]) {
      expect(sniffImageFormat(ftyp(brands)), brands.join(',')).toBe('heic');
    }
    // AV1 coded, HEIC branded: the header's codec wins, and it is processed as the AVIF it is.
    const guarded = await guardUpload(await heicBrandedFile(), 'image/heic', LIMITS);
    expect(guarded).toMatchObject({
      format: 'avif',
      warnings: ['declared image/heic but the bytes are image/avif'],
    });
  });

  it('reads no brands from what is not an ftyp box, or one too short for its brand', () => {
    expect(isoBrands(Buffer.from('....moov........', 'latin1'))).toBeUndefined();
    const short = ftyp(['avif']);
    short.writeUInt32BE(12, 0);
    expect(isoBrands(short)).toBeUndefined();
    expect(
      sniffImageFormat(Buffer.from('\0\0\0\x14ftypmp42\0\0\0\0isom', 'latin1')),
    ).toBeUndefined();
  });

  it('refuses EPS by name, plain or with the DOS header, whatever was declared, and says what to convert to', async () => {
    for (const [bytes, declared] of [
      [plainEps(), 'image/png'],
      [dosEps(), 'image/jpeg'],
    ] as const) {
      const refusal = guardUpload(bytes, declared, LIMITS);
      await expect(refusal).rejects.toMatchObject({ code: 'NOT_AN_IMAGE' });
      const { message } = (await refusal.catch((error: Error) => error)) as Error;
      expect(message).toMatch(
        new RegExp(
          `^not a supported image: the bytes are EPS \\(PostScript\\) \\(declared ${declared}\\)\\. Darkroom does not run PostScript`,
        ),
      );
      expect(message).toContain('to PNG for logos and line art');
      expect(message).toContain('to JPEG for photographs');
      expect(message).not.toContain('SVG');
    }
    // Where SVG uploads are on, SVG is one more way to keep the vector.
    await expect(
      guardUpload(plainEps(), 'image/png', { ...LIMITS, allowSvg: true }),
    ).rejects.toThrow('or to SVG to keep it a vector');
    // Bytes merely starting with a percent sign are still just "not an image".
    await expect(guardUpload(Buffer.from('%PDF-1.7 …'), 'image/png', LIMITS)).rejects.toThrow(
      'the bytes are not JPEG, PNG',
    );
  });
});

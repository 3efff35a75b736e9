import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeOnce } from '../../src/imaging/decode.js';
import { renderVariants } from '../../src/imaging/render.js';
import { shippedPreset } from '../../src/presets/load.js';
import { makeImage } from '../helpers/images.js';
import { jpegWithCorruptScan, jpegWithJunkBeforeMetadata } from '../helpers/input-findings.js';

const OPTIONS = { maxPixels: 100_000_000 };
const OUTPUTS = shippedPreset().outputs;

describe('damaged image data (finding 11)', () => {
  it('keeps a JPEG with corrupt entropy-coded data, and says so', async () => {
    const jpeg = await jpegWithCorruptScan();
    const decoded = await decodeOnce(jpeg, shippedPreset().outputs, OPTIONS);
    expect(decoded.warnings).toEqual([
      'the image data is damaged: libjpeg reported "Corrupt JPEG data: premature end of data segment"; the damaged part may look wrong',
    ]);
    expect([decoded.working.width, decoded.working.height]).toEqual([400, 300]);
    const { variants } = await renderVariants(decoded);
    expect(variants.length).toBe(6);
  });

  it('says what libjpeg skipped between segments', async () => {
    const decoded = await decodeOnce(await jpegWithJunkBeforeMetadata(), OUTPUTS, OPTIONS);
    expect(decoded.warnings).toEqual([
      'the image data is damaged: libjpeg reported "Corrupt JPEG data: 1 extraneous bytes before marker 0xe1"; the damaged part may look wrong',
    ]);
  });

  it('says nothing of a sound image', async () => {
    for (const format of ['jpeg', 'png', 'webp', 'gif', 'avif', 'tiff'] as const) {
      const decoded = await decodeOnce(await makeImage(200, 100, format), OUTPUTS, OPTIONS);
      expect(decoded.warnings, format).toEqual([]);
    }
  });

  it('still refuses a truncated JPEG as CORRUPT', async () => {
    const jpeg = await makeImage(400, 300, 'jpeg');
    await expect(
      decodeOnce(jpeg.subarray(0, jpeg.length / 2), OUTPUTS, OPTIONS),
    ).rejects.toMatchObject({
      code: 'CORRUPT',
      message: 'could not decode the image: VipsJpeg: premature end of JPEG image',
    });
    // What sharp alone says of it, as before this change.
    await expect(
      sharp(jpeg.subarray(0, jpeg.length / 2), { failOn: 'error' })
        .raw()
        .toBuffer(),
    ).rejects.toThrow('VipsJpeg: premature end of JPEG image');
  });
});

import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { analysisImage, decodeOnce } from '../../src/imaging/decode.js';
import { planOutput } from '../../src/imaging/plan.js';
import { renderVariants } from '../../src/imaging/render.js';
import { UnprocessableImageError } from '../../src/model/failure.js';
import { shippedPreset } from '../../src/presets/load.js';
import { runPipeline } from '../../src/processor/pipeline.js';
import { makeImage } from '../helpers/images.js';

const options = { maxPixels: 100_000_000 };

/** What the default preset must produce for an original of the given display size. */
function expectedDefaultSizes(width: number, height: number) {
  const small = Math.min(1, 640 / width);
  const large = Math.min(1, 1280 / width, 720 / height);
  const thumbSide = Math.min(150, width, height);
  return {
    thumb: [thumbSide, thumbSide],
    small: [Math.round(width * small), Math.round(height * small)],
    large: [Math.round(width * large), Math.round(height * large)],
  } as Record<string, [number, number]>;
}

async function checkDefaultVariants(input: Buffer, width: number, height: number) {
  const result = await runPipeline(input, shippedPreset().outputs, options);
  expect(result.original).toMatchObject({ width, height });
  const expected = expectedDefaultSizes(width, height);
  expect(result.variants.map((v) => `${v.name}.${v.format}`).sort()).toEqual([
    'large.jpeg',
    'large.webp',
    'small.jpeg',
    'small.webp',
    'thumb.jpeg',
    'thumb.webp',
  ]);
  for (const variant of result.variants) {
    // Decode what was encoded: the bytes, not the pipeline's own report, must have the size and format.
    const meta = await sharp(variant.data).metadata();
    expect(meta.format, `${variant.name}.${variant.format}`).toBe(variant.format);
    expect([meta.width, meta.height], `${variant.name}.${variant.format}`).toEqual(
      expected[variant.name],
    );
    expect([variant.width, variant.height]).toEqual(expected[variant.name]);
  }
  return result;
}

describe('the default preset pipeline', () => {
  it.each([
    ['jpeg', 1600, 1200],
    ['png', 1200, 1600],
    ['webp', 1000, 500],
    ['gif', 800, 600],
    ['tiff', 700, 700],
    ['avif', 900, 600],
  ] as const)('makes every variant from a %s original', async (format, width, height) => {
    const result = await checkDefaultVariants(
      await makeImage(width, height, format),
      width,
      height,
    );
    expect(result.original.format).toBe(format === 'avif' ? 'heif' : format);
  });

  it('shrinks a large photo without ever decoding it at full size', async () => {
    await checkDefaultVariants(await makeImage(6000, 4000, 'jpeg'), 6000, 4000);
  });

  it('never enlarges a tiny original', async () => {
    await checkDefaultVariants(await makeImage(40, 24, 'png'), 40, 24);
  });

  it('applies EXIF orientation: a portrait shot stored sideways comes out portrait', async () => {
    // Stored 1200×800 with orientation 6 (rotate 90° clockwise to display): displays as 800×1200.
    const input = await makeImage(1200, 800, 'jpeg', { orientation: 6 });
    const result = await checkDefaultVariants(input, 800, 1200);
    // The red marker was top-left when stored; after a 90° clockwise turn it is top-right.
    const large = result.variants.find((v) => v.name === 'large' && v.format === 'jpeg')!;
    const { data, info } = await sharp(large.data).raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => data[(y * info.width + x) * info.channels]!;
    expect(at(info.width - 5, 5)).toBeGreaterThan(200);
    expect(at(5, 5)).toBeLessThan(100);
  });

  it('flattens transparency onto white in JPEG and keeps it in WebP', async () => {
    const result = await runPipeline(
      await makeImage(400, 300, 'png', { alpha: true }),
      shippedPreset().outputs,
      options,
    );
    const jpeg = result.variants.find((v) => v.name === 'small' && v.format === 'jpeg')!;
    const webp = result.variants.find((v) => v.name === 'small' && v.format === 'webp')!;
    const { data, info } = await sharp(jpeg.data).raw().toBuffer({ resolveWithObject: true });
    const rightEdge = (10 * info.width + info.width - 5) * info.channels;
    expect([data[rightEdge], data[rightEdge + 1], data[rightEdge + 2]]).toEqual([255, 255, 255]);
    expect((await sharp(webp.data).metadata()).hasAlpha).toBe(true);
  });

  it('makes the analysis image (RGB and JPEG) from the same decode', async () => {
    const decoded = await decodeOnce(await makeImage(3000, 2000, 'jpeg'), shippedPreset().outputs, {
      ...options,
      analysisLongestSide: 1600,
    });
    // The working copy had to stay large enough for the analysis image, not just the variants.
    expect(decoded.working.width).toBeGreaterThanOrEqual(1600);
    const analysis = await analysisImage(decoded, 1600);
    expect(analysis).toMatchObject({ width: 1600, height: 1067 });
    expect(analysis.rgb.length).toBe(1600 * 1067 * 3);
    expect(await sharp(analysis.jpeg).metadata()).toMatchObject({
      format: 'jpeg',
      width: 1600,
      height: 1067,
    });
  });

  it('centres a cover crop on a focus box (e.g. detected faces)', async () => {
    // A wide image with the red marker (top-left quarter) as the "face".
    const decoded = await decodeOnce(
      await makeImage(1200, 400, 'png'),
      shippedPreset().outputs,
      options,
    );
    const focus = { left: 0, top: 0, width: 0.25, height: 0.25 };
    const withFocus = await renderVariants(decoded, { focus });
    const thumb = withFocus.variants.find((v) => v.name === 'thumb' && v.format === 'jpeg')!;
    const { data, info } = await sharp(thumb.data).raw().toBuffer({ resolveWithObject: true });
    // Scaled to 450×150, the marker spans x 0–112, y 0–37; the crop must start at the left edge.
    const red = (x: number, y: number) => data[(y * info.width + x) * info.channels]!;
    expect([info.width, info.height]).toEqual([150, 150]);
    expect(red(5, 5)).toBeGreaterThan(200);
    // Without a focus the crop lands elsewhere (attention), so the test above can fail.
    const plain = await renderVariants(decoded);
    const plainThumb = plain.variants.find((v) => v.name === 'thumb' && v.format === 'jpeg')!;
    const other = await sharp(plainThumb.data).raw().toBuffer({ resolveWithObject: true });
    expect(other.data[(5 * other.info.width + 5) * other.info.channels]!).toBeLessThan(200);
  });

  it('refuses bytes that are not an image with a readable reason', async () => {
    await expect(
      runPipeline(Buffer.from('definitely not an image'), shippedPreset().outputs, options),
    ).rejects.toThrow(UnprocessableImageError);
  });

  it('refuses an image over the pixel limit from its header', async () => {
    const input = await makeImage(2000, 2000, 'png');
    await expect(
      runPipeline(input, shippedPreset().outputs, { maxPixels: 1_000_000 }),
    ).rejects.toThrow(/2000×2000 \(4\.0 megapixels\); the limit is 1\.0 megapixels/);
  });

  it('refuses a truncated JPEG with a one-line reason', async () => {
    const whole = await makeImage(800, 600, 'jpeg');
    const failure = runPipeline(
      whole.subarray(0, whole.length / 2),
      shippedPreset().outputs,
      options,
    );
    await expect(failure).rejects.toThrow(UnprocessableImageError);
    await expect(failure).rejects.toThrow(/^[^\n]+$/);
  });
});

describe('planOutput', () => {
  it('crops a square thumb from a panorama and shrinks the box for a small original', () => {
    const thumb = { name: 't', width: 150, height: 150, fit: 'cover' as const, formats: [] };
    expect(planOutput(thumb, 4000, 1000)).toMatchObject({ width: 150, height: 150, scale: 0.15 });
    expect(planOutput(thumb, 100, 80)).toMatchObject({ width: 80, height: 80, scale: 1 });
  });
  it('keeps the aspect ratio inside a box', () => {
    const large = { name: 'l', width: 1280, height: 720, fit: 'inside' as const, formats: [] };
    expect(planOutput(large, 1000, 8000)).toMatchObject({ width: 90, height: 720 });
  });
});

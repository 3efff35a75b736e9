import sharp, { type OutputInfo } from 'sharp';
import { UnprocessableImageError } from '../model/failure.js';
import type { OutputSpec } from '../presets/types.js';
import { sharpOf, type RawImage } from './effects.js';
import { describe, readHeader, type ImageHeader } from './header.js';
import { planOutput, type Plan } from './plan.js';

export interface DecodeOptions {
  /** libvips refuses to decode more pixels than this (the guard has checked the header already). */
  maxPixels: number;
  /** The header, when the caller has read it already (the processor's guard has). */
  header?: ImageHeader;
  /** libvips abandons any one pipeline running longer than this. */
  timeoutSeconds?: number;
  /** Keep the working copy large enough for an analysis image whose longest side is this. */
  analysisLongestSide?: number;
}

/** The single decode every later step works from. */
export interface DecodedImage {
  /** Dimensions after EXIF orientation is applied, and the decoder's name for the format. */
  original: { width: number; height: number; format: string };
  /** 8-bit sRGB pixels, as small as every planned output and the analysis image allow. */
  working: RawImage;
  plans: Plan[];
  decodeMs: number;
}

/**
 * Decodes the original once, at the smallest size every output (and the analysis image) still
 * needs: libvips shrinks JPEG and WebP on load, so large photos are never fully decoded.
 */
export async function decodeOnce(
  input: Buffer,
  outputs: OutputSpec[],
  options: DecodeOptions,
): Promise<DecodedImage> {
  const started = performance.now();
  const metadata = options.header ?? (await readHeader(input));
  const { width, height } = metadata.autoOrient;
  const plans = outputs.map((spec) => planOutput(spec, width, height));
  const analysisScale = options.analysisLongestSide
    ? Math.min(1, options.analysisLongestSide / Math.max(width, height))
    : 0;
  const workScale = Math.min(1, Math.max(analysisScale, ...plans.map((p) => p.scale)));

  let working: { data: Buffer; info: OutputInfo };
  try {
    working = await sharp(input, {
      limitInputPixels: options.maxPixels,
      failOn: 'error',
      autoOrient: true,
    })
      .resize(
        Math.min(width, Math.ceil(width * workScale)),
        Math.min(height, Math.ceil(height * workScale)),
        {
          fit: 'fill',
        },
      )
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .timeout({ seconds: options.timeoutSeconds ?? 0 })
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw new UnprocessableImageError('CORRUPT', `could not decode the image: ${describe(error)}`, {
      cause: error,
    });
  }
  return {
    original: { width, height, format: metadata.format },
    working: {
      data: working.data,
      width: working.info.width,
      height: working.info.height,
      channels: working.info.channels,
    },
    plans,
    decodeMs: Math.round(performance.now() - started),
  };
}

/** RGB pixels and a baseline JPEG, longest side at most `longestSide`, from the same decode. */
export async function analysisImage(decoded: DecodedImage, longestSide: number) {
  const { width, height } = decoded.original;
  const scale = Math.min(1, longestSide / Math.max(width, height));
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  const rgb = await sharpOf(decoded.working)
    .resize(w, h, { fit: 'fill' })
    .flatten({ background: '#ffffff' })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const jpeg = await sharp(rgb.data, { raw: { width: w, height: h, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();
  return { rgb: rgb.data, jpeg, width: w, height: h };
}

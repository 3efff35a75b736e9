import sharp, { type OutputInfo } from 'sharp';
import { UnprocessableImageError } from '../model/failure.js';
import type { OutputSpec } from '../presets/types.js';
import { sharpOf, type RawImage } from './effects.js';
import { decodeHeic, isHeic } from './heic/decode-heic.js';
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
  /** What the decoder reported about the image while reading it (damaged data), for people. */
  warnings: string[];
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

  const size = {
    width: Math.min(width, Math.ceil(width * workScale)),
    height: Math.min(height, Math.ceil(height * workScale)),
  };
  // HEIC's pixels come from libheif's WebAssembly build, as a TIFF libvips reads like any other.
  const heic = isHeic(input);
  const source = heic ? await decodeHeic(input, metadata, options.timeoutSeconds ?? 0) : input;
  const read = (failOn: 'warning' | 'error') =>
    sharp(source, { limitInputPixels: options.maxPixels, failOn, autoOrient: true })
      .resize(size.width, size.height, { fit: 'fill' })
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .timeout({ seconds: options.timeoutSeconds ?? 0 })
      .toBuffer({ resolveWithObject: true });

  // libvips says nothing of damage it reads past (a corrupt scan, junk between segments) unless
  // asked to fail on it; sharp's `warning` event is fed from one queue for the whole process, so
  // it cannot tell whose warning it is. So: read strictly, and only if that fails, read again
  // leniently and keep the image with what the strict read reported.
  let working: { data: Buffer; info: OutputInfo };
  const warnings: string[] = [];
  try {
    working = await read('warning');
  } catch (strict) {
    if (isTimeout(strict)) throw corrupt(strict);
    try {
      working = await read('error');
    } catch (error) {
      throw corrupt(error);
    }
    warnings.push(damageWarning(metadata.format, strict));
  }
  return {
    original: { width, height, format: heic ? 'heic' : metadata.format },
    working: {
      data: working.data,
      width: working.info.width,
      height: working.info.height,
      channels: working.info.channels,
    },
    plans,
    decodeMs: Math.round(performance.now() - started),
    warnings,
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

const corrupt = (error: unknown) =>
  new UnprocessableImageError('CORRUPT', `could not decode the image: ${describe(error)}`, {
    cause: error,
  });

const isTimeout = (error: unknown) => error instanceof Error && /timeout/i.test(error.message);

/** The library that reads each format (libvips' name for it), as people know it. */
const DECODERS: Record<string, string> = {
  jpeg: 'libjpeg',
  png: 'libpng',
  webp: 'libwebp',
  gif: 'the GIF decoder',
  heif: 'libheif',
  tiff: 'libtiff',
};

/**
 * What the strict read reported, as a warning: libvips' lines without its prefixes
 * ("VipsJpeg: Corrupt JPEG data: premature end of data segment").
 */
export function damageWarning(format: string, error: unknown): string {
  const lines = (error instanceof Error ? error.message : String(error))
    .split('\n')
    .map((line) => line.trim().replace(/^(?:Vips\w+|\w+load(?:_\w+)?): /i, ''))
    .filter((line) => line && !/^Warning treated as error/i.test(line));
  const decoder = DECODERS[format] ?? 'the decoder';
  const said = [...new Set(lines)].map((line) => `"${line}"`).join(', ') || 'a problem';
  return `the image data is damaged: ${decoder} reported ${said}; the damaged part may look wrong`;
}

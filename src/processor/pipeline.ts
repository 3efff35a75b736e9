import sharp, { type Metadata, type OutputInfo, type Sharp } from 'sharp';
import type { FailureCode } from '../model/failure.js';
import {
  applyEffects,
  applyGeometry,
  focusAfterGeometry,
  geometrySize,
  sharpOf,
  toRaw,
  type RawImage,
} from './effects.js';
import {
  isEffect,
  isGeometry,
  isSmartCrop,
  type OutputFormat,
  type OutputSpec,
} from './presets.js';

/** The image cannot be processed as given (corrupt, not an image, too large); the reason is for users. */
export class UnprocessableImageError extends Error {
  constructor(
    readonly code: FailureCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'UnprocessableImageError';
  }
}

export interface DecodeOptions {
  /** Images with more pixels than this are refused from their header, before any decode. */
  maxPixels: number;
  /** Animations with more frames than this are refused from their header. */
  maxFrames?: number;
  /** libvips abandons any one pipeline running longer than this. */
  timeoutSeconds?: number;
  /** Keep the working copy large enough for an analysis image whose longest side is this. */
  analysisLongestSide?: number;
}

export interface EncodedVariant {
  name: string;
  format: OutputFormat;
  width: number;
  height: number;
  data: Buffer;
}

/** The single decode every later step works from. */
export interface DecodedImage {
  /** Dimensions after EXIF orientation is applied, and the decoder's name for the format. */
  original: { width: number; height: number; format: string };
  /** 8-bit sRGB pixels, as small as every planned output and the analysis image allow. */
  working: { data: Buffer; width: number; height: number; channels: 1 | 2 | 3 | 4 };
  plans: Plan[];
  decodeMs: number;
}

/** A region to keep in view when cropping, as ratios of the image's width and height. */
export interface FocusBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface PipelineResult {
  original: DecodedImage['original'];
  variants: EncodedVariant[];
  timings: { decodeMs: number; variantsMs: number };
}

interface Plan {
  spec: OutputSpec;
  width: number;
  height: number;
  /** Scale from the original this output needs; the working copy must be at least this large. */
  scale: number;
}

/**
 * Exact output size for a spec, computed from the original so it never depends on the working
 * copy. The box is fitted to the source as the geometry operations leave it (cropped, turned).
 */
export function planOutput(spec: OutputSpec, originalWidth: number, originalHeight: number): Plan {
  const { width, height } = geometrySize(
    (spec.operations ?? []).filter(isGeometry),
    originalWidth,
    originalHeight,
  );
  const sx = spec.width !== undefined ? spec.width / width : undefined;
  const sy = spec.height !== undefined ? spec.height / height : undefined;
  if (spec.fit === 'cover') {
    // Cover fills the whole box; when the original is too small, shrink the box instead of enlarging.
    const boxW = spec.width ?? spec.height ?? width;
    const boxH = spec.height ?? spec.width ?? height;
    const need = Math.max(boxW / width, boxH / height);
    const shrink = need > 1 ? need : 1;
    return {
      spec,
      width: Math.max(1, Math.round(boxW / shrink)),
      height: Math.max(1, Math.round(boxH / shrink)),
      scale: Math.min(need, 1),
    };
  }
  const scale = Math.min(1, sx ?? Infinity, sy ?? Infinity);
  return {
    spec,
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
    scale,
  };
}

/** libvips repeats its warnings line by line; one of each reads better in an error field. */
const describe = (error: unknown) =>
  [...new Set((error instanceof Error ? error.message : String(error)).split('\n'))]
    .map((line) => line.trim())
    .filter(Boolean)
    .join('; ');

const megapixels = (pixels: number) => `${(pixels / 1e6).toFixed(pixels < 1e7 ? 1 : 0)} megapixels`;

/**
 * Decodes the original once, at the smallest size every output (and the analysis image) still
 * needs: libvips shrinks JPEG and WebP on load, so large photos are never fully decoded. The
 * header is read first, so oversized images are refused before any pixel is decoded.
 */
export async function decodeOnce(
  input: Buffer,
  outputs: OutputSpec[],
  options: DecodeOptions,
): Promise<DecodedImage> {
  const started = performance.now();
  let metadata: Metadata;
  try {
    // The header read decodes no pixels, so it may run unbounded and let us name the real size.
    metadata = await sharp(input, { limitInputPixels: false, autoOrient: true }).metadata();
  } catch (error) {
    throw new UnprocessableImageError('CORRUPT', `not a decodable image: ${describe(error)}`, {
      cause: error,
    });
  }
  const pixels = metadata.width * metadata.height;
  if (pixels > options.maxPixels) {
    throw new UnprocessableImageError(
      'TOO_MANY_PIXELS',
      `image is ${metadata.width}×${metadata.height} (${megapixels(pixels)}); the limit is ${megapixels(options.maxPixels)}`,
    );
  }
  if (options.maxFrames !== undefined && (metadata.pages ?? 1) > options.maxFrames) {
    throw new UnprocessableImageError(
      'TOO_MANY_FRAMES',
      `the animation has ${metadata.pages} frames; the limit is ${options.maxFrames}`,
    );
  }
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

const fromWorking = ({ working }: DecodedImage) =>
  sharp(working.data, {
    raw: { width: working.width, height: working.height, channels: working.channels },
  });

/** RGB pixels and a baseline JPEG, longest side at most `longestSide`, from the same decode. */
export async function analysisImage(decoded: DecodedImage, longestSide: number) {
  const { width, height } = decoded.original;
  const scale = Math.min(1, longestSide / Math.max(width, height));
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  const rgb = await fromWorking(decoded)
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

/**
 * Makes every planned output from the working copy: each output's pixels once (geometry, fit,
 * effects), then every format encoded in parallel. A smart crop keeps `focus` (e.g. the detected
 * faces) in view when given; otherwise libvips' attention strategy picks the most interesting
 * region. A plain cover fit crops around the centre.
 */
export async function renderVariants(
  decoded: DecodedImage,
  options: { focus?: FocusBox } = {},
): Promise<{ variants: EncodedVariant[]; variantsMs: number }> {
  const started = performance.now();
  const perOutput = await Promise.all(
    decoded.plans.map(async (plan) => {
      const pixels = await renderOutput(decoded.working, plan, options.focus);
      return Promise.all(
        plan.spec.formats.map(async (format): Promise<EncodedVariant> => {
          const image = encode(sharpOf(pixels), format, plan.spec.quality);
          const { data, info } = await image.toBuffer({ resolveWithObject: true });
          return { name: plan.spec.name, format, width: info.width, height: info.height, data };
        }),
      );
    }),
  );
  return { variants: perOutput.flat(), variantsMs: Math.round(performance.now() - started) };
}

/** One output's pixels: geometry on the working copy, the fit to the planned size, then effects. */
async function renderOutput(working: RawImage, plan: Plan, focus?: FocusBox): Promise<RawImage> {
  const operations = plan.spec.operations ?? [];
  const geometry = operations.filter(isGeometry);
  const source = geometry.length > 0 ? await applyGeometry(working, geometry) : working;
  let fitted: Sharp;
  if (plan.spec.fit === 'cover') {
    const smart = operations.some(isSmartCrop);
    const window = smart && focus ? focusAfterGeometry(focus, geometry) : undefined;
    fitted = window
      ? coverAround(source, plan, window)
      : sharpOf(source).resize(plan.width, plan.height, {
          fit: 'cover',
          position: smart ? 'attention' : 'centre',
        });
  } else {
    fitted = sharpOf(source).resize(plan.width, plan.height, { fit: 'fill' });
  }
  return applyEffects(await toRaw(fitted), operations.filter(isEffect));
}

/** Scales to cover the box, then cuts the window whose centre is nearest the focus's centre. */
function coverAround(source: RawImage, plan: Plan, focus: FocusBox): Sharp {
  const { width: W, height: H } = source;
  const scale = Math.max(plan.width / W, plan.height / H);
  const scaledW = Math.max(plan.width, Math.round(W * scale));
  const scaledH = Math.max(plan.height, Math.round(H * scale));
  const centreX = (focus.left + focus.width / 2) * scaledW;
  const centreY = (focus.top + focus.height / 2) * scaledH;
  const clamp = (value: number, max: number) => Math.min(Math.max(0, Math.round(value)), max);
  return sharpOf(source)
    .resize(scaledW, scaledH, { fit: 'fill' })
    .extract({
      left: clamp(centreX - plan.width / 2, scaledW - plan.width),
      top: clamp(centreY - plan.height / 2, scaledH - plan.height),
      width: plan.width,
      height: plan.height,
    });
}

/** Decode once, then every variant: the whole pipeline without analysis. */
export async function runPipeline(
  input: Buffer,
  outputs: OutputSpec[],
  options: DecodeOptions,
): Promise<PipelineResult> {
  const decoded = await decodeOnce(input, outputs, options);
  const { variants, variantsMs } = await renderVariants(decoded);
  return {
    original: decoded.original,
    variants,
    timings: { decodeMs: decoded.decodeMs, variantsMs },
  };
}

function encode(image: Sharp, format: OutputFormat, quality = 80): Sharp {
  switch (format) {
    case 'jpeg':
      // JPEG has no alpha: transparent areas become white rather than whatever colour they hid.
      return image.flatten({ background: '#ffffff' }).jpeg({ quality, progressive: true });
    case 'webp':
      return image.webp({ quality });
    case 'avif':
      return image.avif({ quality: Math.round(quality * 0.65) });
    case 'png':
      return image.png({ compressionLevel: 9 });
  }
}

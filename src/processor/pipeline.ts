import sharp, { type Metadata, type OutputInfo, type Sharp } from 'sharp';
import type { OutputFormat, OutputSpec } from './presets.js';

/** The image cannot be processed as given (corrupt, not an image, too large); the reason is for users. */
export class UnprocessableImageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UnprocessableImageError';
  }
}

export interface PipelineOptions {
  /** Images with more pixels than this are refused from their header, before any decode. */
  maxPixels: number;
  /** Also produce an RGB copy whose longest side is at most this, for analysis. */
  analysisLongestSide?: number;
}

export interface EncodedVariant {
  name: string;
  format: OutputFormat;
  width: number;
  height: number;
  data: Buffer;
}

export interface PipelineResult {
  /** Dimensions after EXIF orientation is applied, and the decoder's name for the format. */
  original: { width: number; height: number; format: string };
  variants: EncodedVariant[];
  /** Downscaled RGB pixels from the same decode, when analysis was asked for. */
  analysis?: { rgb: Buffer; width: number; height: number };
  timings: { decodeMs: number; variantsMs: number };
}

interface Plan {
  spec: OutputSpec;
  width: number;
  height: number;
  /** Scale from the original this output needs; the working copy must be at least this large. */
  scale: number;
}

/** Exact output size for a spec, computed from the original so it never depends on the working copy. */
export function planOutput(spec: OutputSpec, width: number, height: number): Plan {
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
 * Decodes the original once, at the smallest size every output still needs (libvips shrinks JPEG
 * and WebP on load, so large photos are never fully decoded), then makes every variant from that
 * one in-memory copy, encoding them in parallel.
 */
export async function runPipeline(
  input: Buffer,
  outputs: OutputSpec[],
  options: PipelineOptions,
): Promise<PipelineResult> {
  const started = performance.now();
  const source = sharp(input, {
    limitInputPixels: options.maxPixels,
    failOn: 'error',
    autoOrient: true,
  });

  let metadata: Metadata;
  try {
    // The header read decodes no pixels, so it may run unbounded and let us name the real size.
    metadata = await sharp(input, { limitInputPixels: false, autoOrient: true }).metadata();
  } catch (error) {
    throw new UnprocessableImageError(`not a decodable image: ${describe(error)}`, {
      cause: error,
    });
  }
  // Header dimensions are checked before any pixel is decoded, so decompression bombs cost nothing.
  const pixels = metadata.width * metadata.height;
  if (pixels > options.maxPixels) {
    throw new UnprocessableImageError(
      `image is ${metadata.width}×${metadata.height} (${megapixels(pixels)}); the limit is ${megapixels(options.maxPixels)}`,
    );
  }
  const { width, height } = metadata.autoOrient;
  const plans = outputs.map((spec) => planOutput(spec, width, height));

  const analysisScale = options.analysisLongestSide
    ? Math.min(1, options.analysisLongestSide / Math.max(width, height))
    : 0;
  const workScale = Math.min(1, Math.max(analysisScale, ...plans.map((p) => p.scale)));
  const workW = Math.min(width, Math.ceil(width * workScale));
  const workH = Math.min(height, Math.ceil(height * workScale));

  let working: { data: Buffer; info: OutputInfo };
  try {
    working = await source
      .resize(workW, workH, { fit: 'fill' })
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw new UnprocessableImageError(`could not decode the image: ${describe(error)}`, {
      cause: error,
    });
  }
  const decoded = performance.now();

  const raw = {
    raw: {
      width: working.info.width,
      height: working.info.height,
      channels: working.info.channels,
    },
  };
  const fromWorking = () => sharp(working.data, raw);

  const variantJobs = plans.flatMap((plan) =>
    plan.spec.formats.map(async (format): Promise<EncodedVariant> => {
      let image = fromWorking().resize(plan.width, plan.height, {
        fit: plan.spec.fit === 'cover' ? 'cover' : 'fill',
        position: 'attention',
      });
      image = encode(image, format, plan.spec.quality);
      const { data, info } = await image.toBuffer({ resolveWithObject: true });
      return { name: plan.spec.name, format, width: info.width, height: info.height, data };
    }),
  );

  const analysisJob = options.analysisLongestSide
    ? (async () => {
        const w = Math.max(1, Math.round(width * analysisScale));
        const h = Math.max(1, Math.round(height * analysisScale));
        const { data, info } = await fromWorking()
          .resize(w, h, { fit: 'fill' })
          .removeAlpha()
          .raw()
          .toBuffer({ resolveWithObject: true });
        return { rgb: data, width: info.width, height: info.height };
      })()
    : undefined;

  const [variants, analysis] = await Promise.all([Promise.all(variantJobs), analysisJob]);
  return {
    original: { width, height, format: metadata.format },
    variants,
    ...(analysis ? { analysis } : {}),
    timings: {
      decodeMs: Math.round(decoded - started),
      variantsMs: Math.round(performance.now() - decoded),
    },
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

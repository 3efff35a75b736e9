import type { Face } from '../model/analysis.js';
import type { OutputFormat } from '../model/formats.js';
import { decodeOnce } from '../imaging/decode.js';
import { facesFocus } from '../imaging/focus.js';
import { readHeader } from '../imaging/header.js';
import { renderVariants } from '../imaging/render.js';
import type { OutputSpec } from '../presets/types.js';
import type { RenderTarget, Transform } from '../urls/grammar.js';

export interface Rendered {
  data: Buffer;
  format: OutputFormat;
  width: number;
  height: number;
  /** The delivered size when it is smaller than asked for (never larger than the original). */
  clamped?: { width: number; height: number };
}

/** Eager variants' default quality, so an on-demand size looks like a preset's. */
const QUALITY = 80;

/**
 * Renders one transform of an original with the eager variants' own pipeline (imaging/): one
 * decode at the smallest size the output needs, orientation applied, sRGB, metadata stripped,
 * quality per format; `cover` crops around the stored faces, else libvips' attention strategy.
 */
export async function renderTransform(
  original: Buffer,
  request: { transform: Transform; target: RenderTarget; faces?: readonly Face[] },
  options: { maxPixels: number; maxSide: number; timeoutSeconds: number },
): Promise<Rendered> {
  const { transform: t } = request;
  const header = await readHeader(original);
  const { width: W, height: H } = header.autoOrient;
  let width = t.width === undefined ? undefined : Math.round(t.width * t.dpr);
  let height = t.height === undefined ? undefined : Math.round(t.height * t.dpr);
  let limited = false;
  if (width === undefined && height === undefined && Math.max(W, H) > options.maxSide) {
    // No box: the original's size, within the largest side allowed.
    width = height = options.maxSide;
    limited = true;
  }
  const format: OutputFormat =
    request.target === 'jpeg-or-png' ? (header.hasAlpha ? 'png' : 'jpeg') : request.target;
  const spec: OutputSpec = {
    name: 'render',
    fit: width !== undefined && height !== undefined ? t.fit : 'inside',
    formats: [format],
    quality: QUALITY,
    ...(width !== undefined ? { width } : {}),
    ...(height !== undefined ? { height } : {}),
    ...(t.fit === 'cover' && width !== undefined && height !== undefined
      ? { operations: [{ op: 'crop', smart: true } as const] }
      : {}),
  };
  const decoded = await decodeOnce(original, [spec], {
    maxPixels: options.maxPixels,
    header,
    timeoutSeconds: options.timeoutSeconds,
  });
  const focus = request.faces ? facesFocus(request.faces) : undefined;
  const { variants } = await renderVariants(decoded, focus ? { focus } : {});
  const out = variants[0]!;
  // Asked for more than the original has: planOutput never enlarges, so the box was cut down.
  const sx = width === undefined ? Infinity : width / W;
  const sy = height === undefined ? Infinity : height / H;
  const wanted = spec.fit === 'cover' ? Math.max(sx, sy) : Math.min(sx, sy);
  const clamped = limited || wanted > 1;
  return {
    data: out.data,
    format,
    width: out.width,
    height: out.height,
    ...(clamped ? { clamped: { width: out.width, height: out.height } } : {}),
  };
}

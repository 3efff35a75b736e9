/**
 * The delivery URL grammar, one for both homes:
 *
 *   /i/{imageId}/{generation}/{variant}.{ext}        an eager variant (ext: jpg, webp, avif, png)
 *   /t/{imageId}/{generation}/{transform}.{format}   on demand (format: auto, jpeg, webp, avif, png)
 *
 * where {transform} is `[w{width}_][h{height}_]{cover|inside}_x{dpr}`, e.g. `w828_inside_x2`.
 * A path is pinned to the image's generation, so what it names never changes: responses are
 * immutable and nothing needs invalidating when an image is reprocessed.
 *
 * This module is bundled into the CloudFront Function (src/delivery/edge/), whose runtime is
 * ES 5.1 with some later features: no classes, for-of, spread or destructuring here.
 */
import { EXTENSIONS, type OutputFormat } from '../model/formats.js';
import { renderKey, variantKey } from '../model/keys.js';

export type Fit = 'cover' | 'inside';
export type DeliveryFormat = 'auto' | OutputFormat;
export const DELIVERY_FORMATS: readonly DeliveryFormat[] = ['auto', 'jpeg', 'webp', 'avif', 'png'];

/** What an on-demand URL asks for: a box in CSS pixels, scaled by the device pixel ratio. */
export interface Transform {
  width?: number;
  height?: number;
  fit: Fit;
  format: DeliveryFormat;
  /** 1 to 3, at most two decimals. */
  dpr: number;
}

export type DeliveryPath =
  | { kind: 'variant'; imageId: string; generation: number; name: string; extension: string }
  | { kind: 'render'; imageId: string; generation: number; transform: Transform };

/**
 * What `auto` becomes once the request's Accept header is known: a format, or "JPEG unless the
 * image has transparency, then PNG", which only the renderer can tell (the edge cannot).
 */
export type RenderTarget = OutputFormat | 'jpeg-or-png';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const GENERATION = '(0|[1-9][0-9]{0,5})';
const VARIANT_PATH = new RegExp(
  '^/i/(' + UUID + ')/' + GENERATION + '/([a-z0-9][a-z0-9_-]{0,39})\\.(jpg|webp|avif|png)$',
);
const RENDER_PATH = new RegExp(
  '^/t/(' + UUID + ')/' + GENERATION + '/([a-z0-9_.]{1,40})\\.(auto|jpeg|webp|avif|png)$',
);
const TRANSFORM =
  /^(?:w([1-9][0-9]{0,4})_)?(?:h([1-9][0-9]{0,4})_)?(cover|inside)_x([0-9](?:\.[0-9]{1,2})?)$/;

/** `2`, `1.5`, `2.63`: the DPR rounded to two decimals, without trailing zeros. */
export const dprText = (dpr: number): string => String(Math.round(dpr * 100) / 100);

/** The transform's path segment (without the format). */
export function transformToken(t: Transform): string {
  let token = '';
  if (t.width !== undefined) token += 'w' + t.width + '_';
  if (t.height !== undefined) token += 'h' + t.height + '_';
  return token + t.fit + '_x' + dprText(t.dpr);
}

export function formatPath(path: DeliveryPath): string {
  if (path.kind === 'variant') {
    return `/i/${path.imageId}/${path.generation}/${path.name}.${path.extension}`;
  }
  return `/t/${path.imageId}/${path.generation}/${transformToken(path.transform)}.${path.transform.format}`;
}

/** Reads a transform segment; only the canonical spelling (as transformToken writes it) is one. */
export function parseTransform(token: string, format: DeliveryFormat): Transform | undefined {
  const m = TRANSFORM.exec(token);
  if (!m) return undefined;
  const t: Transform = { fit: m[3] as Fit, format, dpr: Number(m[4]) };
  if (m[1]) t.width = Number(m[1]);
  if (m[2]) t.height = Number(m[2]);
  return transformToken(t) === token ? t : undefined;
}

/** The path's meaning, or undefined when it is not a delivery URL's path at all. */
export function parsePath(uri: string): DeliveryPath | undefined {
  const v = VARIANT_PATH.exec(uri);
  if (v) {
    return {
      kind: 'variant',
      imageId: v[1]!,
      generation: Number(v[2]),
      name: v[3]!,
      extension: v[4]!,
    };
  }
  const r = RENDER_PATH.exec(uri);
  if (!r) return undefined;
  const transform = parseTransform(r[3]!, r[4] as DeliveryFormat);
  if (!transform) return undefined;
  return { kind: 'render', imageId: r[1]!, generation: Number(r[2]), transform };
}

const TARGET_SUFFIX: Record<RenderTarget, string> = {
  jpeg: EXTENSIONS.jpeg,
  webp: EXTENSIONS.webp,
  avif: EXTENSIONS.avif,
  png: EXTENSIONS.png,
  'jpeg-or-png': 'jpg-or-png',
};

/**
 * Where the path's bytes are stored in the variants bucket. An `auto` render needs its target
 * (from the Accept header): the key names the format, so the cache is split by what was
 * negotiated, never by the raw header.
 */
export function storageKey(path: DeliveryPath, target?: RenderTarget): string {
  if (path.kind === 'variant') {
    return variantKey(path.imageId, path.name, path.extension, path.generation);
  }
  const format = path.transform.format;
  const chosen: RenderTarget = format === 'auto' ? (target ?? 'jpeg-or-png') : format;
  return renderKey(
    path.imageId,
    path.generation,
    transformToken(path.transform),
    TARGET_SUFFIX[chosen],
  );
}

const STORED_RENDER = new RegExp(
  '^renders/(' + UUID + ')/' + GENERATION + '/([a-z0-9_.]{1,40})\\.(jpg|webp|avif|png|jpg-or-png)$',
);

/** A stored render's key read back (the delivery function gets the key the edge chose). */
export function parseRenderKey(
  key: string,
): { imageId: string; generation: number; transform: Transform; target: RenderTarget } | undefined {
  const m = STORED_RENDER.exec(key);
  if (!m) return undefined;
  // TARGET_SUFFIX read backwards (the regex admits only its values).
  const target = (Object.keys(TARGET_SUFFIX) as RenderTarget[]).filter(
    (t) => TARGET_SUFFIX[t] === m[4],
  )[0]!;
  const transform = parseTransform(m[3]!, target === 'jpeg-or-png' ? 'auto' : target);
  if (!transform) return undefined;
  return { imageId: m[1]!, generation: Number(m[2]), transform, target };
}

import type { Transform } from './grammar.js';

/** What an on-demand URL may ask for; the same checks sign (the API) and render (delivery). */
export interface TransformLimits {
  /** Largest side of the output in pixels, after the DPR. */
  maxSide: number;
  /** When set, the only widths (and heights) that may be asked for, in CSS pixels. */
  sizes?: readonly number[] | undefined;
}

export const MIN_DPR = 1;
export const MAX_DPR = 3;

const isSide = (value: number) => Number.isInteger(value) && value > 0;

/** Why the transform is out of limits (for a 400 or BAD_USER_INPUT), or undefined. */
export function transformProblem(t: Transform, limits: TransformLimits): string | undefined {
  if (!Number.isFinite(t.dpr) || t.dpr < MIN_DPR || t.dpr > MAX_DPR) {
    return `dpr must be from ${MIN_DPR} to ${MAX_DPR} (got ${t.dpr})`;
  }
  for (const [name, value] of [
    ['width', t.width],
    ['height', t.height],
  ] as const) {
    if (value === undefined) continue;
    if (!isSide(value)) return `${name} must be a whole number of pixels above 0 (got ${value})`;
    const pixels = Math.round(value * t.dpr);
    if (pixels > limits.maxSide) {
      return `${name} × dpr is ${pixels} pixels, over the limit of ${limits.maxSide}`;
    }
    if (limits.sizes && !limits.sizes.includes(value)) {
      return `${name} must be one of ${limits.sizes.join(', ')} (got ${value})`;
    }
  }
  return undefined;
}

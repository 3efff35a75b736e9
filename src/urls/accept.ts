/**
 * `auto` format negotiation: AVIF, then WebP, then JPEG (PNG when the image has transparency),
 * from the request's Accept header. The edge reduces any header to one of these three values
 * before the cache key is made, so browsers' differing headers share cached renders.
 *
 * Bundled into the edge function: ES 5.1-style code only.
 */
import type { RenderTarget } from './grammar.js';

/** The q-value the header gives `type` by name (wildcards do not count: browsers that can show
 * AVIF or WebP list them explicitly), 0 when absent. */
function quality(accept: string, type: string): number {
  const ranges = accept.toLowerCase().split(',');
  for (let i = 0; i < ranges.length; i++) {
    const params = ranges[i]!.split(';');
    if (params[0]!.trim() !== type) continue;
    let q = 1;
    for (let j = 1; j < params.length; j++) {
      const m = /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(params[j]!);
      if (m) q = Number(m[1]);
    }
    return q > 0 ? q : 0;
  }
  return 0;
}

export function negotiate(accept: string | undefined): RenderTarget {
  if (!accept) return 'jpeg-or-png';
  if (quality(accept, 'image/avif') > 0) return 'avif';
  if (quality(accept, 'image/webp') > 0) return 'webp';
  return 'jpeg-or-png';
}

import { renderVariants } from '../../imaging/render.js';
import type { Box } from '../../model/box.js';
import type { Face } from '../../model/analysis.js';
import { fingerprint } from '../fingerprint/index.js';
import { need, type Step } from '../job.js';

/** The smallest box holding every face: what a crop must keep in view. */
export function facesFocus(faces: readonly Face[]): Box | undefined {
  if (faces.length === 0) return undefined;
  const left = Math.min(...faces.map((f) => f.box.left));
  const top = Math.min(...faces.map((f) => f.box.top));
  const right = Math.max(...faces.map((f) => f.box.left + f.box.width));
  const bottom = Math.max(...faces.map((f) => f.box.top + f.box.height));
  return { left, top, width: right - left, height: bottom - top };
}

/**
 * Every variant from the one decode, smart crops around the faces; the placeholder, colour and
 * perceptual hash from the same decode, alongside.
 */
export const render: Step = {
  name: 'render',
  async run(job) {
    const decoded = need(job.decoded, 'the decode', 'render');
    const focus = facesFocus(job.result.faces ?? []);
    const [rendered, { fingerprintMs, ...fingerprints }] = await Promise.all([
      renderVariants(decoded, focus ? { focus } : {}),
      fingerprint(decoded),
    ]);
    job.rendered = rendered.variants;
    Object.assign(job.result, fingerprints);
    job.result.timings.variantsMs = rendered.variantsMs;
    job.result.timings.fingerprintMs = fingerprintMs;
  },
};

import { renderVariants } from '../../imaging/render.js';
import { facesFocus } from '../../imaging/focus.js';
import { fingerprint } from '../fingerprint/index.js';
import { need, type Step } from '../job.js';

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

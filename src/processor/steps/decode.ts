import { decodeOnce } from '../../imaging/decode.js';
import { need, type Step } from '../job.js';

/** The one decode, at the smallest size every output and the analysis image still need. */
export const decode: Step = {
  name: 'decode',
  async run(job) {
    const { config, analysis } = job.services;
    const guarded = need(job.guarded, 'the guarded upload', 'decode');
    const decoded = await decodeOnce(
      need(job.input, 'the bytes', 'decode'),
      need(job.preset, 'the preset', 'decode').outputs,
      {
        maxPixels: config.MAX_INPUT_PIXELS,
        header: guarded.header,
        timeoutSeconds: config.PROCESSING_TIMEOUT_SECONDS,
        ...(analysis ? { analysisLongestSide: analysis.longestSide } : {}),
      },
    );
    job.decoded = decoded;
    // After the guard's (a declared type that was wrong…): what the decoder found damaged.
    if (decoded.warnings.length > 0) {
      job.result.warnings = [...(job.result.warnings ?? []), ...decoded.warnings];
    }
    Object.assign(job.result, {
      width: decoded.original.width,
      height: decoded.original.height,
      format: decoded.original.format,
    });
    job.result.timings.decodeMs = decoded.decodeMs;
  },
};

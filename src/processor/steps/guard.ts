import { UnprocessableImageError } from '../../model/failure.js';
import { guardUpload } from '../guard/index.js';
import { need, type Step } from '../job.js';

/** Every refusal, before any pixel is decoded (see ../guard/), and the preset to render. */
export const guard: Step = {
  name: 'guard',
  async run(job) {
    const { config } = job.services;
    const input = need(job.input, 'the bytes', 'guard');
    // Presets are validated at start-up; one can vanish only if the file changed since the ticket.
    const preset = config.presets.get(job.record.preset);
    if (!preset) {
      throw new UnprocessableImageError('UNKNOWN_PRESET', `unknown preset: ${job.record.preset}`);
    }
    job.preset = preset;
    job.guarded = await guardUpload(input, job.record.contentType, {
      maxBytes: config.MAX_UPLOAD_BYTES,
      allowSvg: config.ALLOW_SVG,
      maxMetadataBytes: config.MAX_METADATA_BYTES,
      maxPixels: config.MAX_INPUT_PIXELS,
      maxFrames: config.MAX_FRAMES,
    });
    job.result.warnings = job.guarded.warnings;
    job.result.bytes = input.length;
  },
};

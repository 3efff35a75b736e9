import { decodeOnce, type DecodeOptions, type DecodedImage } from '../imaging/decode.js';
import { readHeader } from '../imaging/header.js';
import { renderVariants, type EncodedVariant } from '../imaging/render.js';
import type { OutputSpec } from '../presets/types.js';
import { checkDimensions } from './guard/dimensions.js';

export interface PipelineResult {
  original: DecodedImage['original'];
  variants: EncodedVariant[];
  timings: { decodeMs: number; variantsMs: number };
}

/**
 * The image work of the flow without storage or analysis, for benchmarks and tests: the header
 * checked against the limits, one decode, then every variant.
 */
export async function runPipeline(
  input: Buffer,
  outputs: OutputSpec[],
  options: DecodeOptions & { maxFrames?: number },
): Promise<PipelineResult> {
  const header = await readHeader(input);
  checkDimensions(header, options);
  const decoded = await decodeOnce(input, outputs, { ...options, header });
  const { variants, variantsMs } = await renderVariants(decoded);
  return {
    original: decoded.original,
    variants,
    timings: { decodeMs: decoded.decodeMs, variantsMs },
  };
}

import type { Face, Label, ModerationLabel } from '../../model/analysis.js';

/**
 * The analyser port: the one place where the cloud (Rekognition) and the embedded default
 * (models shipped in npm packages) differ. Every confidence and box coordinate is a ratio in 0..1.
 */

export interface AnalysisResult {
  faces: Face[];
  moderation: ModerationLabel[];
  labels: Label[];
}

/** The image to analyse: a downscaled copy made from the processor's single decode. */
export interface AnalysisImage {
  /** Baseline JPEG, longest side at most 1600 px: what Rekognition receives as `Bytes`. */
  jpeg: Buffer;
  /** The same pixels, uncompressed RGB (3 channels, row-major), for local models. */
  rgb: Buffer;
  width: number;
  height: number;
}

export interface Analyzer {
  readonly name: string;
  analyze(image: AnalysisImage): Promise<AnalysisResult>;
}

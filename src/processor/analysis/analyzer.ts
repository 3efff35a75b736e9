/**
 * The analyser port: the one place where the cloud (Rekognition) and the embedded default
 * (models shipped in npm packages) differ. Every confidence and box coordinate is a ratio in 0..1.
 */

/** A box as ratios of the image's width and height, like Rekognition's BoundingBox. */
export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface Face {
  box: Box;
  confidence: number;
  ageRange?: { low: number; high: number };
  emotions?: { type: string; confidence: number }[];
  /** Points as ratios of the image's width (x) and height (y). */
  landmarks?: { type: string; x: number; y: number }[];
}

export interface ModerationLabel {
  /** Rekognition taxonomy, e.g. `Explicit Nudity`, `Suggestive`. */
  name: string;
  /** The top-level category this label belongs to; absent for top-level labels. */
  parent?: string;
  confidence: number;
}

export interface Label {
  name: string;
  confidence: number;
  parents?: string[];
}

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

/** An analysis failure; `retryable` says whether trying the same image again may succeed. */
export class AnalyzerError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AnalyzerError';
  }
}

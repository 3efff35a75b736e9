/**
 * The offline analyser (the embedded default): faces from Human (detector + facemesh rescoring,
 * landmarks, optional emotion and age), moderation from nsfwjs' MobileNetV2, optional object
 * labels from CenterNet — all on TensorFlow.js' WebAssembly backend, from models shipped inside
 * npm packages. Models load once per process, on the first analyze(); concurrent first calls
 * share that load. Images are analysed one at a time (the models are single-threaded).
 *
 * Import this module dynamically (see ../index.ts): it must stay out of the Lambda bundles.
 */
import sharp from 'sharp';
import { DEFAULT_LOCAL_MODERATION_MODELS } from '../../../config/analysis.js';
import { AnalyzerError } from '../../../model/failure.js';
import type { AnalysisImage, AnalysisResult, Analyzer } from '../analyzer.js';
import {
  mapHumanFace,
  mapNsfw,
  mapObjects,
  type HumanFace,
  type NsfwPrediction,
} from './mapping.js';
import {
  loadLocalRuntime,
  type LocalModelOptions,
  type LocalRuntime,
  type NsfwModelName,
} from './runtime.js';

export interface LocalAnalyzerOptions {
  /** Emotions and age range (Human's emotion and description models). Default true. */
  faceAttributes?: boolean;
  /** Object labels from CenterNet. Default true. */
  detectLabels?: boolean;
  /** Faces below this confidence (after mesh rescoring) are dropped. Default 0.5. */
  faceMinConfidence?: number;
  /** Moderation labels below this are left out, like Rekognition's MinConfidence. Default 0.5. */
  moderationMinConfidence?: number;
  /** Labels below this are left out. Default 0.5. */
  labelMinConfidence?: number;
  /** The nsfwjs models that judge each image (see mapNsfw for how their votes combine). */
  moderationModels?: readonly NsfwModelName[];
}

/** Per-step timings of the last analyze(), for benchmarks and logs. */
export interface LocalAnalysisTimings {
  /** Model loading, when this call waited for it. */
  loadMs: number;
  facesMs: number;
  moderationMs: number;
}

export class LocalAnalyzer implements Analyzer {
  readonly name = 'local';
  readonly #models: LocalModelOptions;
  readonly #moderationMinConfidence: number;
  readonly #labelMinConfidence: number;
  #queue: Promise<unknown> = Promise.resolve();
  lastTimings: LocalAnalysisTimings | undefined;

  constructor(options: LocalAnalyzerOptions = {}) {
    this.#labelMinConfidence = options.labelMinConfidence ?? 0.5;
    this.#moderationMinConfidence = options.moderationMinConfidence ?? 0.5;
    this.#models = {
      faceAttributes: options.faceAttributes ?? true,
      objects: options.detectLabels ?? true,
      faceMinConfidence: options.faceMinConfidence ?? 0.5,
      objectMinConfidence: this.#labelMinConfidence,
      moderationModels: options.moderationModels ?? DEFAULT_LOCAL_MODERATION_MODELS,
    };
  }

  /** Loads the models now rather than on the first analyze(); returns how long that took. */
  async warmUp(): Promise<number> {
    return (await this.#runtime()).loadMs;
  }

  async analyze(image: AnalysisImage): Promise<AnalysisResult> {
    validate(image);
    // One image at a time: Human keeps per-call state, and tfjs-wasm runs on one thread anyway.
    const run = this.#queue.then(() => this.#analyze(image));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #runtime(): Promise<LocalRuntime> {
    try {
      return await loadLocalRuntime(this.#models);
    } catch (error) {
      // A broken install does not mend by retrying the image.
      throw new AnalyzerError(
        `the local analyser could not load its models: ${(error as Error).message}`,
        false,
        { cause: error },
      );
    }
  }

  async #analyze(image: AnalysisImage): Promise<AnalysisResult> {
    const loadStarted = performance.now();
    const runtime = await this.#runtime();
    const { tf, human } = runtime;
    const loadMs = Math.round(performance.now() - loadStarted);

    const facesStarted = performance.now();
    const input = tf.tensor3d(new Int32Array(image.rgb), [image.height, image.width, 3], 'int32');
    let result;
    try {
      result = await human.detect(input);
    } finally {
      input.dispose();
    }
    if (result.error) {
      throw new AnalyzerError(`the local face detector failed: ${result.error}`, false);
    }
    const facesMs = Math.round(performance.now() - facesStarted);

    const moderationStarted = performance.now();
    const votes = await classifyModeration(runtime, image);
    const moderationMs = Math.round(performance.now() - moderationStarted);
    this.lastTimings = { loadMs, facesMs, moderationMs };

    return {
      // Human's FaceResult carries these fields (typed in its own tuple types).
      faces: result.face.map((face) => mapHumanFace(face as HumanFace)),
      moderation: mapNsfw(votes, this.#moderationMinConfidence),
      labels: this.#models.objects ? mapObjects(result.object, this.#labelMinConfidence) : [],
    };
  }
}

/** What one moderation model said about one image, and how long it took. */
export interface ModerationVote {
  model: NsfwModelName;
  predictions: NsfwPrediction[];
  ms: number;
}

/**
 * Every moderation model's five class probabilities for the image. Each model sees the whole
 * picture squeezed to its square input (as in its training); sharp's area resampling beats tfjs'
 * bilinear resize from up to 1600 px.
 */
export async function classifyModeration(
  runtime: Pick<LocalRuntime, 'tf' | 'nsfw'>,
  image: Pick<AnalysisImage, 'rgb' | 'width' | 'height'>,
): Promise<ModerationVote[]> {
  const { tf } = runtime;
  const votes: ModerationVote[] = [];
  for (const { name, model, size } of runtime.nsfw) {
    const started = performance.now();
    const small = await sharp(image.rgb, {
      raw: { width: image.width, height: image.height, channels: 3 },
    })
      .resize(size, size, { fit: 'fill' })
      .raw()
      .toBuffer();
    const pixels = tf.tensor3d(new Int32Array(small), [size, size, 3], 'int32');
    try {
      const predictions = await model.classify(pixels, 5);
      votes.push({ model: name, predictions, ms: Math.round(performance.now() - started) });
    } finally {
      pixels.dispose();
    }
  }
  return votes;
}

function validate(image: AnalysisImage): void {
  const { width, height, rgb } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new AnalyzerError(`the analysis image has no valid size (${width}×${height})`, false);
  }
  if (rgb.length !== width * height * 3) {
    throw new AnalyzerError(
      `the analysis image's RGB buffer holds ${rgb.length} bytes, not ${width}×${height}×3`,
      false,
    );
  }
}

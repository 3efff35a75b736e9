/**
 * Runs the local analyser's moderation models over a corpus, the way the processor does: one
 * decode with the processor's own functions, the analysis image (longest side 1600 px), then
 * every model on it. Returns each image's class probabilities per model and the time each took.
 */
import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { analysisImage, decodeOnce } from '../../src/imaging/decode.js';
import { ANALYSIS_LONGEST_SIDE } from '../../src/processor/analysis/index.js';
import { classifyModeration } from '../../src/processor/analysis/local/index.js';
import type { NsfwPrediction } from '../../src/processor/analysis/local/mapping.js';
import {
  loadLocalRuntime,
  type NsfwModelName,
} from '../../src/processor/analysis/local/runtime.js';

export const CORPUS_EXTENSIONS = ['.jpg', '.jpeg', '.png', '.webp'];

export interface Measured {
  file: string;
  width: number;
  height: number;
  /** Face detection and mesh (what every image costs besides moderation). */
  facesMs: number;
  byModel: Partial<Record<NsfwModelName, { predictions: NsfwPrediction[]; ms: number }>>;
}

/** The corpus' image files, sorted; only those named in `only` when it is given. */
export async function corpusFiles(folder: string, only?: readonly string[]): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    throw new Error(
      `no corpus at ${folder}: run \`bash scripts/fetch-moderation-corpus.sh\` first (or pass --corpus)`,
    );
  }
  const files = names
    .filter(
      (name) => !name.startsWith('.') && CORPUS_EXTENSIONS.includes(extname(name).toLowerCase()),
    )
    .sort();
  if (!only) return files;
  const missing = only.filter((name) => !files.includes(name));
  if (missing.length > 0) throw new Error(`not in the corpus at ${folder}: ${missing.join(', ')}`);
  return files.filter((name) => only.includes(name));
}

export interface LoadedModels {
  /** Milliseconds to load Human and every model. */
  loadMs: number;
  measure(folder: string, file: string): Promise<Measured>;
}

export async function loadModels(models: readonly NsfwModelName[]): Promise<LoadedModels> {
  const runtime = await loadLocalRuntime({
    faceAttributes: true,
    objects: false,
    faceMinConfidence: 0.5,
    objectMinConfidence: 0.5,
    moderationModels: models,
  });
  return {
    loadMs: runtime.loadMs,
    async measure(folder, file) {
      const bytes = await readFile(join(folder, file));
      const decoded = await decodeOnce(bytes, [], {
        maxPixels: 100_000_000,
        analysisLongestSide: ANALYSIS_LONGEST_SIDE,
      });
      const image = await analysisImage(decoded, ANALYSIS_LONGEST_SIDE);
      const facesStarted = performance.now();
      const input = runtime.tf.tensor3d(
        new Int32Array(image.rgb),
        [image.height, image.width, 3],
        'int32',
      );
      try {
        await runtime.human.detect(input);
      } finally {
        input.dispose();
      }
      const facesMs = performance.now() - facesStarted;
      const votes = await classifyModeration(runtime, image);
      return {
        file,
        width: decoded.original.width,
        height: decoded.original.height,
        facesMs,
        byModel: Object.fromEntries(
          votes.map((vote) => [vote.model, { predictions: vote.predictions, ms: vote.ms }]),
        ),
      };
    },
  };
}

import * as z from '../model/zod.js';
import type { PresetCatalog } from '../presets/catalog.js';
import { analysisEnv, reviewBelowReject } from './analysis.js';
import {
  doc,
  flag,
  maxInputPixelsEnv,
  metricsNamespaceEnv,
  parseEnv,
  positiveInt,
  sharedEnv,
} from './env.js';
import { loadPresets, presetsEnv } from './presets.js';

/** Environment of the S3-triggered processor function. Keys are the variable names Terraform must set. */
export const processorEnvSchema = z
  .object({
    ...sharedEnv,
    ...analysisEnv,
    ...presetsEnv,
    MAX_UPLOAD_BYTES: doc(
      positiveInt(25 * 1024 * 1024),
      'Objects larger than this are failed without being read (defence behind the POST policy).',
    ),
    ...maxInputPixelsEnv,
    PROCESSING_LEASE_SECONDS: doc(
      positiveInt(5 * 60),
      'How long a claim holds before another delivery may take the image over (a worker that crashed).',
    ),
    MAX_ATTEMPTS: doc(
      positiveInt(5),
      'Claims of one image before a passing fault is treated as final (`FAILED`, `INTERNAL`).',
    ),
    MAX_FRAMES: doc(
      positiveInt(500),
      'Animations with more frames than this are refused from the header.',
    ),
    // Metadata is stripped from every variant, so this bounds only the memory the decoder spends
    // holding it (libjpeg keeps every APPn segment, libvips copies EXIF/XMP/ICC, a few bytes each):
    // 64 MB costs some 200 MB of the processor's 2 GB, and is more than the default upload limit, so
    // by default only malformed metadata is refused.
    MAX_METADATA_BYTES: doc(
      positiveInt(64 * 1024 * 1024),
      'Refuse images with more metadata (EXIF, XMP, ICC, comments) than this, a bound on the memory decoding spends on it. Less is dropped from the variants as all metadata is (with a warning over 1 MB); malformed metadata is refused at any size.',
    ),
    PROCESSING_TIMEOUT_SECONDS: doc(
      positiveInt(60),
      'An image still unfinished after this ends `FAILED` (`TIMEOUT`).',
    ),
    // One sweep holds at most SWEEP_CONCURRENCY originals (25 MB each by default) and their
    // decoded pixels at once, and its batch must fit the function's timeout.
    SWEEP_BATCH_SIZE: doc(
      positiveInt(20),
      'Images one sweep takes on at most (the rest wait for the next sweep), taken fairly from every lease shard.',
    ),
    SWEEP_CONCURRENCY: doc(
      positiveInt(2),
      'Images one sweep processes at once: bounds its memory as the S3 events bound each invocation to one image.',
    ),
    ...metricsNamespaceEnv,
    ALLOW_SVG: doc(
      flag(),
      'Accept SVG uploads (rendered only when self-contained: no entities, scripts or references).',
    ),
  })
  .check(reviewBelowReject);

/** The environment's settings plus what they point at: the presets, read and validated. */
export type ProcessorConfig = z.infer<typeof processorEnvSchema> & { presets: PresetCatalog };

export function loadProcessorConfig(
  env: Record<string, string | undefined> = process.env,
): ProcessorConfig {
  const settings = parseEnv(processorEnvSchema, env);
  return { ...settings, presets: loadPresets(settings.PRESETS_FILE) };
}

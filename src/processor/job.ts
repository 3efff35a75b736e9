import type { DecodedImage } from '../imaging/decode.js';
import type { EncodedVariant } from '../imaging/render.js';
import type { AnalysisResult } from './analysis/analyzer.js';
import type { ImageRecord, TimingsRecord, VariantRecord } from '../model/image.js';
import type { Preset } from '../presets/types.js';
import type { CompletedFields } from '../table/records.js';
import type { GuardedUpload } from './guard/index.js';
import type { ProcessorServices } from './services.js';

/** One object-created notification, with the key already URL-decoded. */
export interface UploadedObject {
  bucket: string;
  key: string;
  size: number;
  /** The object's ETag as the notification gives it (S3 leaves out the quotes), when it does. */
  eTag?: string;
}

/**
 * One claimed image on its way through the steps. Each step reads what earlier ones left and adds
 * its own part; `result` is what will be recorded.
 */
export interface Job {
  readonly services: ProcessorServices;
  readonly record: ImageRecord;
  readonly object: UploadedObject;
  /** Aborted when the image has timed out: its failure is decided, nothing more is written. */
  readonly signal: AbortSignal;
  /** Variant keys written so far: removed again unless the result is recorded. */
  readonly written: string[];
  readonly result: CompletedFields & { variants: VariantRecord[]; timings: TimingsRecord };
  preset?: Preset;
  input?: Buffer;
  guarded?: GuardedUpload;
  decoded?: DecodedImage;
  found?: AnalysisResult;
  rendered?: EncodedVariant[];
  /**
   * Why a person must decide (the gate's borderline labels, a duplicate): the run goes on, its
   * variants are stored where nothing serves them, and it ends IN_REVIEW.
   */
  held?: string[];
}

/** A step of the flow; returning REJECTED ends the flow there (the gate does). */
export interface Step {
  readonly name: string;
  run(job: Job): Promise<'REJECTED' | void> | 'REJECTED' | void;
}

/** What an earlier step must have left; a missing one is a mistake in the order of the steps. */
export function need<T>(value: T | undefined, what: string, step: string): T {
  if (value === undefined) throw new Error(`the ${step} step needs ${what}: check the step order`);
  return value;
}

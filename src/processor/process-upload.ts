import { AnalyzerError, UnprocessableImageError } from '../model/failure.js';
import { isTerminal, type ImageRecord, type TerminalStatus } from '../model/image.js';
import { imageIdFromOriginalKey } from '../model/keys.js';
import { isTransientAwsError, retryTransient } from '../storage/transient.js';
import type { CompletedFields } from '../table/records.js';
import { Claim, recordExists } from './claim.js';
import type { Job, UploadedObject } from './job.js';
import type { ProcessorServices } from './services.js';
import { runSteps } from './steps/index.js';

export type { UploadedObject };

export type ProcessOutcome =
  | { outcome: 'ignored'; reason: string }
  | { outcome: 'skipped'; imageId: string; reason: string }
  | { outcome: 'finished'; imageId: string; status: TerminalStatus; error?: string };

/**
 * Takes one uploaded original to a terminal state: claim, the steps (./steps/), record. Counting
 * and announcing follow from the record, through the table's stream (src/events/).
 * Safe to call any number of times for the same object, concurrently too: only the worker that
 * wins the claim does the work. Throws only when the terminal state itself could
 * not be written, so the delivery is retried.
 */
export async function processUpload(
  services: ProcessorServices,
  object: UploadedObject,
): Promise<ProcessOutcome> {
  const { config, logger } = services;
  const now = services.now ?? (() => new Date());
  if (object.bucket !== config.ORIGINALS_BUCKET) {
    return { outcome: 'ignored', reason: `not the originals bucket: ${object.bucket}` };
  }
  const imageId = imageIdFromOriginalKey(object.key);
  if (!imageId) return { outcome: 'ignored', reason: `not an upload key: ${object.key}` };

  const claim = await Claim.take(services, imageId, now());
  if (claim && !(claim instanceof Claim)) return giveUp(services, claim.exhausted, object, now());
  if (!claim) {
    // Already finished or held by a live worker: a duplicate delivery is a no-op. With no record
    // at all the image was deleted (say while its ticket was still valid): its original goes too.
    if (!(await recordExists(services, imageId))) {
      await removeOriginal(services, object.key);
      return { outcome: 'skipped', imageId, reason: 'no such image; original removed' };
    }
    if (await noteReplacedOriginal(services, imageId, object, now())) {
      return { outcome: 'skipped', imageId, reason: 'original replaced after processing; ignored' };
    }
    return { outcome: 'skipped', imageId, reason: 'not claimable' };
  }
  const { record } = claim;

  const started = performance.now();
  const written: string[] = [];
  let status: TerminalStatus;
  let fields: CompletedFields;
  /** Why a person must decide, when the run ends IN_REVIEW. */
  let held: string[] | undefined;
  try {
    ({ status, fields, held } = await withTimeout(
      config.PROCESSING_TIMEOUT_SECONDS,
      async (signal) => {
        const job: Job = {
          services,
          record,
          object,
          signal,
          written,
          result: { variants: [], timings: {} },
        };
        return { status: await runSteps(job), fields: job.result, held: job.held };
      },
    ));
    fields.timings = { ...fields.timings, totalMs: Math.round(performance.now() - started) };
  } catch (error) {
    await removeVariants(services, written);
    const attempts = record.attempts ?? 1;
    if (isRetryable(error) && attempts < config.MAX_ATTEMPTS) {
      // A passing fault (throttling, 5xx, network): hand the image back so the next delivery
      // (Lambda's retry, or the sweep) can take it at once, and let this invocation fail.
      logger.warn('processing interrupted; will be retried', {
        imageId,
        attempts,
        error: error as Error,
      });
      await claim.release();
      throw error;
    }
    status = 'FAILED';
    fields = { ...failure(error, attempts), bytes: object.size, variants: [] };
    if (!(error instanceof UnprocessableImageError)) {
      logger.error('processing failed', { imageId, attempts, error: error as Error });
    }
  }

  const finishedAt = now();
  const heldFor = status === 'IN_REVIEW' ? held?.join('; ') : undefined;
  if (!(await claim.complete(status, fields, finishedAt, heldFor))) {
    if (!(await recordExists(services, imageId))) {
      // Deleted while being processed: the delete removed what the record listed, this run
      // removes what it wrote, so nothing is left behind.
      await removeVariants(services, written);
      return { outcome: 'skipped', imageId, reason: 'image deleted' };
    }
    // The lease ran out and another worker took over; its result stands.
    logger.warn('claim lost before completion', { imageId });
    return { outcome: 'skipped', imageId, reason: 'claim lost' };
  }
  // A reprocessed image's previous variants are no longer listed: remove them (keys differ per
  // generation, so none of them is one just written).
  const kept = new Set(fields.variants.map((v) => v.key));
  await removeVariants(
    services,
    record.variants.map((v) => v.key).filter((key) => !kept.has(key)),
  );
  if ((record.generation ?? 0) > 0) await removeOldRenders(services, imageId, record.generation!);
  logger.info('image finished', { imageId, status, error: fields.error, timings: fields.timings });
  return { outcome: 'finished', imageId, status, ...(fields.error ? { error: fields.error } : {}) };
}

/**
 * Every claim of the image ended with its worker gone (killed for memory or time, or crashed)
 * before it could record anything: a picture that does that again and again is failed with the
 * reason, and what an earlier generation left is removed as for any failed run.
 */
async function giveUp(
  services: ProcessorServices,
  record: ImageRecord,
  object: UploadedObject,
  at: Date,
): Promise<ProcessOutcome> {
  const attempts = record.attempts ?? services.config.MAX_ATTEMPTS;
  const error = `processing stopped before finishing ${attempts} times (the function was killed: out of memory or out of time); not retried`;
  const given = await retryTransient(() =>
    services.claims.giveUp(
      record.id,
      services.config.MAX_ATTEMPTS,
      { error, errorCode: 'INTERNAL', bytes: object.size },
      at,
    ),
  );
  if (!given) return { outcome: 'skipped', imageId: record.id, reason: 'not claimable' };
  services.logger.error('image failed: every attempt was cut short', {
    imageId: record.id,
    attempts,
  });
  await removeVariants(
    services,
    record.variants.map((v) => v.key),
  );
  if ((record.generation ?? 0) > 0) await removeOldRenders(services, record.id, record.generation!);
  return { outcome: 'finished', imageId: record.id, status: 'FAILED', error };
}

/** Runs `work`, failing with TIMEOUT after `seconds`; the signal tells the work to stop writing. */
async function withTimeout<T>(
  seconds: number,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new UnprocessableImageError(
        'TIMEOUT',
        `processing took longer than ${seconds} s`,
      );
      controller.abort(error);
      reject(error);
    }, seconds * 1000);
  });
  try {
    return await Promise.race([work(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function failure(error: unknown, attempts: number): Pick<CompletedFields, 'error' | 'errorCode'> {
  const message = error instanceof Error ? error.message : String(error);
  const tries = attempts > 1 ? ` (after ${attempts} attempts)` : '';
  if (error instanceof UnprocessableImageError) return { error: message, errorCode: error.code };
  if (error instanceof AnalyzerError) {
    return { error: `analysis failed: ${message}${tries}`, errorCode: 'ANALYSIS_FAILED' };
  }
  return { error: `processing error: ${message}${tries}`, errorCode: 'INTERNAL' };
}

/**
 * Whether trying again later may succeed: AWS throttling and 5xx (after the SDK's own retries),
 * network errors, and analyser errors marked retryable. Bad images never are.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof UnprocessableImageError) return false;
  if (error instanceof AnalyzerError) return error.retryable;
  return isTransientAwsError(error);
}

/** Best effort: an original that belongs to no image (it was deleted) is not kept. */
async function removeOriginal(services: ProcessorServices, key: string): Promise<void> {
  try {
    await services.objects.removeOriginal(key);
  } catch (error) {
    services.logger.warn('could not remove an orphaned original', { key, error: error as Error });
  }
}

/** Best effort: a reprocessed image's renders of earlier generations are no longer reachable. */
async function removeOldRenders(services: ProcessorServices, imageId: string, generation: number) {
  try {
    await services.objects.removeRenders(imageId, generation);
  } catch (error) {
    services.logger.warn('could not remove earlier renders', { imageId, error: error as Error });
  }
}

/**
 * Best effort: variants no record lists (a failed run's, a deleted image's, a reprocessed
 * image's previous ones) are not left behind.
 */
async function removeVariants(services: ProcessorServices, keys: string[]): Promise<void> {
  try {
    await services.objects.removeVariants(keys);
  } catch (error) {
    services.logger.warn('could not remove partial variants', { keys, error: error as Error });
  }
}

/**
 * A finished image whose original now has other bytes than those processed: its ticket was used
 * again. The record keeps describing (and reprocessImage keeps reading) what was processed; the
 * new bytes are ignored, and the image says so in its warnings.
 */
async function noteReplacedOriginal(
  services: ProcessorServices,
  imageId: string,
  object: UploadedObject,
  at: Date,
): Promise<boolean> {
  if (!object.eTag) return false;
  const record = await retryTransient(() => services.images.get(imageId));
  const pinned = record?.originalETag;
  if (!record || !pinned || pinned === object.eTag || !isTerminal(record.status)) return false;
  const warning = `the original was posted again at ${at.toISOString()} (ETag ${object.eTag}); those bytes were ignored: this image is the picture first processed (ETag ${pinned})`;
  await retryTransient(() => services.claims.noteReplacedOriginal(imageId, pinned, warning, at));
  services.logger.warn('original replaced after processing; ignored', { imageId });
  return true;
}

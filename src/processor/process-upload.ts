import { randomUUID } from 'node:crypto';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { ProcessorConfig } from '../config/processor.js';
import { imageEvent } from '../notify/event.js';
import type { Notifier } from '../notify/notifier.js';
import {
  ACCEPTED_CONTENT_TYPES,
  contentTypeOf,
  sniffImageFormat,
  SVG_CONTENT_TYPE,
} from '../model/formats.js';
import type { ImageRecord, TerminalStatus, VariantRecord } from '../model/image.js';
import { imageIdFromOriginalKey, variantKey } from '../model/keys.js';
import type { Logger } from '../observability/logger.js';
import { ImageObjects } from '../storage/image-objects.js';
import { isTransientAwsError, retryTransient } from '../storage/transient.js';
import type { CompletedFields, ImageTable } from '../table/images.js';
import type { MetricsTable } from '../table/metrics.js';
import type { Analyzer, Face } from './analysis/analyzer.js';
import { AnalyzerError } from './analysis/analyzer.js';
import type { ModerationVerdict } from './analysis/verdict.js';
import {
  analysisImage,
  decodeOnce,
  renderVariants,
  UnprocessableImageError,
  type FocusBox,
} from './pipeline.js';
import { fingerprint } from './fingerprint/index.js';
import { inspectUpload, looksLikeSvg } from './inspect.js';
import { EXTENSIONS } from './presets.js';

/** Analysis before any variant is made; absent when analysis is switched off. */
export interface AnalysisStep {
  analyzer: Analyzer;
  /** Decides from the moderation labels whether the image may be served. */
  judge: (labels: Awaited<ReturnType<Analyzer['analyze']>>['moderation']) => ModerationVerdict;
  /** Longest side of the analysis image made from the single decode. */
  longestSide: number;
}

export interface ProcessorServices {
  config: ProcessorConfig;
  analysis?: AnalysisStep;
  /** Announces every terminal state. */
  notifier?: Notifier;
  /** CloudWatch metrics (Embedded Metric Format); flushed by the handler after each invocation. */
  telemetry?: Metrics;
  s3: S3Client;
  images: ImageTable;
  metrics: MetricsTable;
  logger: Logger;
  now?: () => Date;
}

/** One object-created notification, with the key already URL-decoded. */
export interface UploadedObject {
  bucket: string;
  key: string;
  size: number;
}

export type ProcessOutcome =
  | { outcome: 'ignored'; reason: string }
  | { outcome: 'skipped'; imageId: string; reason: string }
  | { outcome: 'finished'; imageId: string; status: TerminalStatus; error?: string };

const ACCEPTED_NAMES = Object.values(ACCEPTED_CONTENT_TYPES)
  .map((f) => f.toUpperCase())
  .join(', ');

/**
 * Takes one uploaded original to a terminal state. Safe to call any number of times for the same
 * object, concurrently too: only the worker that wins the claim does the work and counts it.
 * Throws only when the terminal state itself could not be written, so the delivery is retried.
 */
export async function processUpload(
  services: ProcessorServices,
  object: UploadedObject,
): Promise<ProcessOutcome> {
  const { config, images, logger } = services;
  const now = services.now ?? (() => new Date());
  if (object.bucket !== config.ORIGINALS_BUCKET) {
    return { outcome: 'ignored', reason: `not the originals bucket: ${object.bucket}` };
  }
  const imageId = imageIdFromOriginalKey(object.key);
  if (!imageId) return { outcome: 'ignored', reason: `not an upload key: ${object.key}` };

  const token = randomUUID();
  const record = await images.claim(imageId, token, now(), config.PROCESSING_LEASE_SECONDS);
  if (!record) {
    // Already finished or held by a live worker: a duplicate delivery is a no-op. With no record
    // at all the image was deleted (say while its ticket was still valid): its original goes too.
    if (!(await recordExists(services, imageId))) {
      await removeOriginal(services, object.key);
      return { outcome: 'skipped', imageId, reason: 'no such image; original removed' };
    }
    return { outcome: 'skipped', imageId, reason: 'not claimable' };
  }

  const started = performance.now();
  const written: string[] = [];
  let status: TerminalStatus;
  let fields: CompletedFields;
  try {
    ({ status, fields } = await withTimeout(config.PROCESSING_TIMEOUT_SECONDS, (signal) =>
      processOriginal(services, record, object, written, signal),
    ));
    fields.timings = { ...fields.timings, totalMs: Math.round(performance.now() - started) };
  } catch (error) {
    await removeObjects(services, written);
    const attempts = record.attempts ?? 1;
    if (isRetryable(error) && attempts < config.MAX_ATTEMPTS) {
      // A passing fault (throttling, 5xx, network): hand the image back so the next delivery
      // (Lambda's retry, or the sweep) can take it at once, and let this invocation fail.
      logger.warn('processing interrupted; will be retried', {
        imageId,
        attempts,
        error: error as Error,
      });
      await images.release(imageId, token).catch(() => undefined);
      throw error;
    }
    status = 'FAILED';
    fields = { ...failure(error, attempts), bytes: object.size, variants: [] };
    if (!(error instanceof UnprocessableImageError)) {
      logger.error('processing failed', { imageId, attempts, error: error as Error });
    }
  }

  const finishedAt = now();
  let completed: boolean;
  try {
    completed = await images.complete(imageId, token, status, fields, finishedAt);
  } catch (error) {
    // The result could not be recorded: give the claim back so a retry can start over at once.
    await images.release(imageId, token).catch(() => undefined);
    throw error;
  }
  if (!completed) {
    if (!(await recordExists(services, imageId))) {
      // Deleted while being processed: the delete removed what the record listed, this run
      // removes what it wrote, so nothing is left behind.
      await removeObjects(services, written);
      return { outcome: 'skipped', imageId, reason: 'image deleted' };
    }
    // The lease ran out and another worker took over; its result stands and it does the counting.
    logger.warn('claim lost before completion', { imageId });
    return { outcome: 'skipped', imageId, reason: 'claim lost' };
  }
  // A reprocessed image's previous variants are no longer listed: remove them (keys differ per
  // generation, so none of them is one just written).
  const kept = new Set(fields.variants.map((v) => v.key));
  await removeObjects(
    services,
    record.variants.map((v) => v.key).filter((key) => !kept.has(key)),
  );
  await announce(services, { ...record, ...fields, status }, finishedAt);
  logger.info('image finished', { imageId, status, error: fields.error, timings: fields.timings });
  return { outcome: 'finished', imageId, status, ...(fields.error ? { error: fields.error } : {}) };
}

/**
 * Counts and announces a finished image. Its record is already final, so a failure here is
 * logged and counted, never allowed to change or lose the result.
 */
async function announce(services: ProcessorServices, image: ImageRecord, at: Date): Promise<void> {
  const { logger, telemetry } = services;
  const status = image.status as TerminalStatus;
  const variantBytes = Object.fromEntries(
    image.variants.map((v) => [`${v.name}.${v.format}`, v.bytes]),
  );
  const bytesOut = image.variants.reduce((sum, v) => sum + v.bytes, 0);
  telemetry?.addMetric(`Images${status[0]}${status.slice(1).toLowerCase()}`, MetricUnit.Count, 1);
  if (image.timings?.totalMs !== undefined) {
    telemetry?.addMetric('ProcessingTime', MetricUnit.Milliseconds, image.timings.totalMs);
  }
  telemetry?.addMetric('BytesIn', MetricUnit.Bytes, image.bytes ?? 0);
  telemetry?.addMetric('BytesOut', MetricUnit.Bytes, bytesOut);
  try {
    await services.metrics.recordFinished(image.owner, at, {
      status,
      bytesIn: image.bytes ?? 0,
      variantBytes,
      faces: image.faces?.length ?? 0,
      processingMs: image.timings?.totalMs,
      reason: image.errorCode,
      reprocess: (image.generation ?? 0) > 0,
    });
  } catch (error) {
    logger.error('metrics update failed', { imageId: image.id, error: error as Error });
  }
  try {
    await services.notifier?.publish(imageEvent(image, at));
  } catch (error) {
    telemetry?.addMetric('NotificationFailures', MetricUnit.Count, 1);
    logger.error('notification failed', { imageId: image.id, error: error as Error });
  }
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
      controller.abort();
      reject(new UnprocessableImageError('TIMEOUT', `processing took longer than ${seconds} s`));
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

/** The smallest box holding every face: what a crop must keep in view. */
export function facesFocus(faces: Face[]): FocusBox | undefined {
  if (faces.length === 0) return undefined;
  const left = Math.min(...faces.map((f) => f.box.left));
  const top = Math.min(...faces.map((f) => f.box.top));
  const right = Math.max(...faces.map((f) => f.box.left + f.box.width));
  const bottom = Math.max(...faces.map((f) => f.box.top + f.box.height));
  return { left, top, width: right - left, height: bottom - top };
}

/** Decode once; analyse and gate; then every variant from the same decode, stored. */
async function processOriginal(
  services: ProcessorServices,
  record: ImageRecord,
  object: UploadedObject,
  written: string[],
  signal: AbortSignal,
): Promise<{ status: 'PROCESSED' | 'REJECTED'; fields: CompletedFields }> {
  const { config, s3 } = services;
  if (object.size > config.MAX_UPLOAD_BYTES) {
    throw new UnprocessableImageError(
      'TOO_LARGE',
      `upload is ${object.size} bytes; the limit is ${config.MAX_UPLOAD_BYTES}`,
    );
  }
  // Presets are validated at start-up; one can vanish only if the file changed since the ticket.
  const preset = config.presets.get(record.preset);
  if (!preset) {
    throw new UnprocessableImageError('UNKNOWN_PRESET', `unknown preset: ${record.preset}`);
  }

  const response = await s3.send(
    new GetObjectCommand({ Bucket: config.ORIGINALS_BUCKET, Key: record.originalKey }),
  );
  const input = Buffer.from(await response.Body!.transformToByteArray());
  if (input.length === 0) {
    throw new UnprocessableImageError('EMPTY', 'the upload is empty (0 bytes)');
  }
  const svg = looksLikeSvg(input);
  const format = sniffImageFormat(input) ?? (svg && config.ALLOW_SVG ? 'svg' : undefined);
  if (!format) {
    throw new UnprocessableImageError(
      'NOT_AN_IMAGE',
      svg
        ? 'not a supported image: SVG uploads are disabled (ALLOW_SVG)'
        : `not a supported image: the bytes are not ${ACCEPTED_NAMES} (declared ${record.contentType})`,
    );
  }
  inspectUpload(input, format, { maxMetadataBytes: config.MAX_METADATA_BYTES });
  const realType = format === 'svg' ? SVG_CONTENT_TYPE : contentTypeOf(format);
  const warnings =
    realType === record.contentType
      ? []
      : [`declared ${record.contentType} but the bytes are ${realType}`];

  const { analysis } = services;
  const decoded = await decodeOnce(input, preset.outputs, {
    maxPixels: config.MAX_INPUT_PIXELS,
    maxFrames: config.MAX_FRAMES,
    timeoutSeconds: config.PROCESSING_TIMEOUT_SECONDS,
    ...(analysis ? { analysisLongestSide: analysis.longestSide } : {}),
  });
  signal.throwIfAborted();
  const described = {
    warnings,
    bytes: input.length,
    width: decoded.original.width,
    height: decoded.original.height,
    format: decoded.original.format,
  };

  let analysed: Pick<CompletedFields, 'faces' | 'moderation' | 'labels'> = {};
  let analysisMs: number | undefined;
  let gateMs: number | undefined;
  if (analysis) {
    const analysisStarted = performance.now();
    const found = await analysis.analyzer.analyze(
      await analysisImage(decoded, analysis.longestSide),
    );
    const gateStarted = performance.now();
    const verdict = analysis.judge(found.moderation);
    gateMs = Math.round(performance.now() - gateStarted);
    analysisMs = Math.round(gateStarted - analysisStarted);
    analysed = {
      faces: [...found.faces].sort(
        (a, b) => b.box.width * b.box.height - a.box.width * a.box.height,
      ),
      labels: [...found.labels].sort((a, b) => b.confidence - a.confidence),
      moderation: {
        decision: verdict.decision,
        threshold: verdict.threshold,
        labels: found.moderation,
        analyzer: analysis.analyzer.name,
      },
    };
    if (verdict.decision === 'REJECTED') {
      // Nothing is rendered or stored: the original stays for audit but is never served.
      return {
        status: 'REJECTED',
        fields: {
          ...described,
          ...analysed,
          variants: [],
          error: verdict.reason,
          errorCode: 'MODERATION',
          timings: { decodeMs: decoded.decodeMs, analysisMs, gateMs },
        },
      };
    }
  }

  signal.throwIfAborted();
  const focus = facesFocus(analysed.faces ?? []);
  // The placeholder, colour and perceptual hash come from the same decode, alongside the variants.
  const [rendered, { fingerprintMs, ...fingerprints }] = await Promise.all([
    renderVariants(decoded, focus ? { focus } : {}),
    fingerprint(decoded),
  ]);
  const variants: VariantRecord[] = await Promise.all(
    rendered.variants.map(async (variant) => {
      // Once the image has timed out nothing more is written: its failure is already decided.
      signal.throwIfAborted();
      const key = variantKey(
        record.id,
        variant.name,
        EXTENSIONS[variant.format],
        record.generation ?? 0,
      );
      await s3.send(
        new PutObjectCommand({
          Bucket: config.VARIANTS_BUCKET,
          Key: key,
          Body: variant.data,
          ContentType: `image/${variant.format}`,
        }),
      );
      written.push(key);
      return {
        name: variant.name,
        key,
        width: variant.width,
        height: variant.height,
        format: variant.format,
        bytes: variant.data.length,
      };
    }),
  );
  return {
    status: 'PROCESSED',
    fields: {
      ...described,
      ...analysed,
      ...fingerprints,
      variants,
      timings: {
        decodeMs: decoded.decodeMs,
        analysisMs,
        gateMs,
        variantsMs: rendered.variantsMs,
        fingerprintMs,
      },
    },
  };
}

/**
 * Whether the image still has a record (consistent read). When the table cannot say, assume it
 * does: that only ever leaves objects in place, never removes what a record lists.
 */
async function recordExists(services: ProcessorServices, imageId: string): Promise<boolean> {
  try {
    return await retryTransient(() => services.images.exists(imageId));
  } catch (error) {
    services.logger.warn('could not check whether the image exists', {
      imageId,
      error: error as Error,
    });
    return true;
  }
}

const objectsOf = ({ s3, config }: ProcessorServices) =>
  new ImageObjects(s3, { originals: config.ORIGINALS_BUCKET, variants: config.VARIANTS_BUCKET });

/** Best effort: an original that belongs to no image (it was deleted) is not kept. */
async function removeOriginal(services: ProcessorServices, key: string): Promise<void> {
  try {
    await objectsOf(services).removeOriginal(key);
  } catch (error) {
    services.logger.warn('could not remove an orphaned original', { key, error: error as Error });
  }
}

/**
 * Best effort: variants no record lists (a failed run's, a deleted image's, a reprocessed
 * image's previous ones) are not left behind.
 */
async function removeObjects(services: ProcessorServices, keys: string[]): Promise<void> {
  try {
    await objectsOf(services).removeVariants(keys);
  } catch (error) {
    services.logger.warn('could not remove partial variants', { keys, error: error as Error });
  }
}

/**
 * The cloud analyser: Amazon Rekognition's DetectFaces, DetectModerationLabels and (optionally)
 * DetectLabels, run concurrently on the analysis JPEG sent as `Image.Bytes`. Rekognition's
 * percentages become ratios (0..1); its boxes are already ratios of the image's size.
 *
 * Retries are ours, not the SDK's: a client built here has `maxAttempts: 1` and each call is
 * retried (bounded, exponential backoff with full jitter) while the error is throttling, a
 * server fault or a network failure. What still fails becomes an AnalyzerError that says
 * whether the same image may succeed later.
 */
import {
  DetectFacesCommand,
  DetectLabelsCommand,
  DetectModerationLabelsCommand,
  RekognitionClient,
  type DetectFacesResponse,
  type DetectLabelsResponse,
  type DetectModerationLabelsResponse,
  type FaceDetail,
} from '@aws-sdk/client-rekognition';
import type { FaceAttributes } from '../../config/analysis.js';
import type { Face, Label, ModerationLabel } from '../../model/analysis.js';
import type { Box } from '../../model/box.js';
import { AnalyzerError } from '../../model/failure.js';
import { isTransientAwsError } from '../../storage/transient.js';
import type { AnalysisImage, AnalysisResult, Analyzer } from './analyzer.js';

/** Rekognition's limit for an image passed as `Bytes` (5 MB). */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

export interface RetryOptions {
  /** Attempts per call, the first included. Default 4. */
  maxAttempts?: number;
  /** First backoff ceiling; doubles per attempt. Default 200 ms. */
  baseDelayMs?: number;
  /** Largest backoff ceiling. Default 5 s. */
  maxDelayMs?: number;
}

/**
 * Where Rekognition is called: REKOGNITION_REGION when set (a function in a region that has no
 * Rekognition calls another one), else the function's own AWS_REGION.
 */
export function rekognitionRegion(settings: {
  REKOGNITION_REGION?: string | undefined;
  AWS_REGION?: string | undefined;
}): string | undefined {
  return settings.REKOGNITION_REGION ?? settings.AWS_REGION;
}

export interface RekognitionAnalyzerOptions {
  /** A client to use as-is (its own retry settings apply too); otherwise one is built for `region`. */
  client?: RekognitionClient;
  /** The region of the client built here (rekognitionRegion); unset, the SDK's default region. */
  region?: string;
  /** DetectFaces `Attributes`. Default ALL. */
  faceAttributes?: FaceAttributes;
  /** Faces below this confidence (0..1) are dropped. Default 0.5. */
  faceMinConfidence?: number;
  /** DetectModerationLabels `MinConfidence`, as a ratio. Keep it at or below the gate's threshold. Default 0.5. */
  moderationMinConfidence?: number;
  /** Call DetectLabels. Default true. */
  detectLabels?: boolean;
  /** DetectLabels `MinConfidence`, as a ratio. Default 0.5. */
  labelMinConfidence?: number;
  /** DetectLabels `MaxLabels`. Default 25. */
  maxLabels?: number;
  retry?: RetryOptions;
}

/** Errors that no retry fixes, with the reason shown on the FAILED image. */
const PERMANENT: Record<string, string> = {
  InvalidImageFormatException: 'Rekognition cannot read the image (unsupported image format)',
  ImageTooLargeException: 'the image is too large for Rekognition',
  InvalidParameterException: 'Rekognition rejected the request (invalid parameter)',
  AccessDeniedException: 'not allowed to call Rekognition (check the function role)',
};

interface ErrorShape {
  name?: string;
  code?: string;
  message?: string;
}

const shapeOf = (error: unknown): ErrorShape =>
  typeof error === 'object' && error !== null ? error : {};

/** Throttling, a server-side fault or a network failure: the same call may succeed shortly. */
export function isTransient(error: unknown): boolean {
  return !((shapeOf(error).name ?? '') in PERMANENT) && isTransientAwsError(error);
}

/** The AnalyzerError for a call that finally failed. */
export function toAnalyzerError(
  operation: string,
  error: unknown,
  attempts: number,
): AnalyzerError {
  const e = shapeOf(error);
  const name = e.name ?? 'Error';
  const detail = e.message ? `${name}: ${e.message}` : name;
  const permanent = PERMANENT[name];
  if (permanent)
    return new AnalyzerError(`${permanent} (${operation}: ${detail})`, false, { cause: error });
  if (isTransient(error)) {
    return new AnalyzerError(
      `Rekognition ${operation} still failing after ${attempts} attempt${attempts === 1 ? '' : 's'} (${detail})`,
      true,
      { cause: error },
    );
  }
  return new AnalyzerError(`Rekognition ${operation} failed (${detail})`, false, { cause: error });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `call` until it succeeds, fails permanently, or runs out of attempts. */
export async function withRetries<T>(
  operation: string,
  call: () => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const maxAttempts = Math.max(1, options.maxAttempts ?? 4);
  const base = options.baseDelayMs ?? 200;
  const cap = options.maxDelayMs ?? 5_000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= maxAttempts || !isTransient(error)) {
        throw toAnalyzerError(operation, error, attempt);
      }
      // Full jitter: spreads the retries of concurrent Lambdas that were throttled together.
      await sleep(Math.random() * Math.min(cap, base * 2 ** (attempt - 1)));
    }
  }
}

/** A Rekognition percentage as a ratio, to 6 decimals (91.6 → 0.916, not 0.9159999999999999). */
const ratio = (percent: number | undefined) =>
  Math.min(1, Math.max(0, Math.round((percent ?? 0) * 10_000) / 1_000_000));
const toPercent = (value: number) => Math.min(100, Math.max(0, value * 100));

/** Rekognition's boxes may reach past the image's edges; ours stay inside 0..1. */
export function clampBox(box: {
  Left?: number;
  Top?: number;
  Width?: number;
  Height?: number;
}): Box {
  let { Left: left = 0, Top: top = 0, Width: width = 0, Height: height = 0 } = box;
  if (left < 0) [width, left] = [width + left, 0];
  if (top < 0) [height, top] = [height + top, 0];
  left = Math.min(left, 1);
  top = Math.min(top, 1);
  return {
    left,
    top,
    width: Math.max(0, Math.min(width, 1 - left)),
    height: Math.max(0, Math.min(height, 1 - top)),
  };
}

export function mapFace(detail: FaceDetail): Face {
  const face: Face = {
    box: clampBox(detail.BoundingBox ?? {}),
    confidence: ratio(detail.Confidence),
  };
  if (detail.AgeRange?.Low !== undefined && detail.AgeRange.High !== undefined) {
    face.ageRange = { low: detail.AgeRange.Low, high: detail.AgeRange.High };
  }
  if (detail.Emotions?.length) {
    face.emotions = detail.Emotions.filter((e) => e.Type)
      .map((e) => ({ type: String(e.Type), confidence: ratio(e.Confidence) }))
      .sort((a, b) => b.confidence - a.confidence);
  }
  if (detail.Landmarks?.length) {
    face.landmarks = detail.Landmarks.filter(
      (l) => l.Type !== undefined && l.X !== undefined && l.Y !== undefined,
    ).map((l) => ({ type: String(l.Type), x: l.X ?? 0, y: l.Y ?? 0 }));
  }
  return face;
}

export function mapFaces(response: DetectFacesResponse, minConfidence: number): Face[] {
  return (response.FaceDetails ?? []).map(mapFace).filter((f) => f.confidence >= minConfidence);
}

export function mapModeration(response: DetectModerationLabelsResponse): ModerationLabel[] {
  return (response.ModerationLabels ?? [])
    .filter((l) => l.Name)
    .map((l) => ({
      name: l.Name ?? '',
      // Top-level labels come with ParentName "": ours leave `parent` out.
      ...(l.ParentName ? { parent: l.ParentName } : {}),
      confidence: ratio(l.Confidence),
    }));
}

export function mapLabels(response: DetectLabelsResponse): Label[] {
  return (response.Labels ?? [])
    .filter((l) => l.Name)
    .map((l) => {
      const parents = (l.Parents ?? []).map((p) => p.Name).filter((n): n is string => !!n);
      return {
        name: l.Name ?? '',
        confidence: ratio(l.Confidence),
        ...(parents.length > 0 ? { parents } : {}),
      };
    });
}

export class RekognitionAnalyzer implements Analyzer {
  readonly name = 'rekognition';
  readonly #client: RekognitionClient;
  readonly #options: Required<Omit<RekognitionAnalyzerOptions, 'client' | 'region' | 'retry'>> & {
    retry: RetryOptions;
  };

  constructor(options: RekognitionAnalyzerOptions = {}) {
    this.#client =
      options.client ??
      new RekognitionClient({
        ...(options.region ? { region: options.region } : {}),
        // Retried by withRetries, which knows which Rekognition errors are worth another try.
        maxAttempts: 1,
      });
    this.#options = {
      faceAttributes: options.faceAttributes ?? 'ALL',
      faceMinConfidence: options.faceMinConfidence ?? 0.5,
      moderationMinConfidence: options.moderationMinConfidence ?? 0.5,
      detectLabels: options.detectLabels ?? true,
      labelMinConfidence: options.labelMinConfidence ?? 0.5,
      maxLabels: options.maxLabels ?? 25,
      retry: options.retry ?? {},
    };
  }

  async analyze(image: AnalysisImage): Promise<AnalysisResult> {
    if (image.jpeg.length === 0) {
      throw new AnalyzerError('the analysis image is empty', false);
    }
    if (image.jpeg.length > MAX_IMAGE_BYTES) {
      throw new AnalyzerError(
        `the analysis image is ${image.jpeg.length} bytes; Rekognition accepts at most ${MAX_IMAGE_BYTES}`,
        false,
      );
    }
    const o = this.#options;
    const Image = { Bytes: image.jpeg };
    const send = <T>(operation: string, call: () => Promise<T>) =>
      withRetries(operation, call, o.retry);

    const [faces, moderation, labels] = await Promise.all([
      send('DetectFaces', () =>
        this.#client.send(new DetectFacesCommand({ Image, Attributes: [o.faceAttributes] })),
      ),
      send('DetectModerationLabels', () =>
        this.#client.send(
          new DetectModerationLabelsCommand({
            Image,
            MinConfidence: toPercent(o.moderationMinConfidence),
          }),
        ),
      ),
      o.detectLabels
        ? send('DetectLabels', () =>
            this.#client.send(
              new DetectLabelsCommand({
                Image,
                MaxLabels: o.maxLabels,
                MinConfidence: toPercent(o.labelMinConfidence),
              }),
            ),
          )
        : undefined,
    ]);
    return {
      faces: mapFaces(faces, o.faceMinConfidence),
      moderation: mapModeration(moderation),
      labels: labels ? mapLabels(labels) : [],
    };
  }
}

import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { ImageRecord } from '../model/image.js';
import { httpStatusOf } from '../storage/transient.js';
import { QuotaExceededError } from '../table/quotas.js';
import { transformProblem } from '../urls/limits.js';
import { parseRenderKey } from '../urls/grammar.js';
import { renderTransform, type Rendered } from './render.js';
import {
  CLAMPED_HEADER,
  CLAMPED_METADATA,
  IMMUTABLE,
  matches,
  text,
  type DeliveryResponse,
} from './responses.js';
import type { DeliveryServices } from './services.js';

/** What reaches the delivery function: a storage key the edge chose, after verifying the URL. */
export interface MissRequest {
  /** The object in the variants bucket that was not there, e.g. `renders/<id>/0/w640_inside_x1.webp`. */
  key: string;
  method: 'GET' | 'HEAD';
  /** The viewer's own path and query, to send it back to when the body is too large to return. */
  viewerUrl?: string;
  ifNoneMatch?: string;
}

/**
 * Lambda returns at most 6 MB, base64 included: a larger render is stored and the viewer is sent
 * back to its own URL, which the bucket now answers (never push a large body out of a Lambda).
 */
export const INLINE_LIMIT_BYTES = 4 * 1024 * 1024;

/**
 * Cached briefly (CloudFront would otherwise honour no-store and ask the function every time):
 * an old URL of a deleted image stays cheap, and nothing servable waits long behind it.
 */
const NOT_FOUND = () => text(404, 'Not Found', { 'cache-control': 'public, max-age=10' });

/**
 * The origin behind the variants bucket: a stored object was missing. Eager variants are never
 * made here (a missing one belongs to no servable image); a render is made from the original of
 * a PROCESSED image at that generation, stored, and returned. Anything else is a 404 that says
 * nothing more: pending, rejected, failed, deleted and superseded images look alike.
 */
export async function respondToMiss(
  services: DeliveryServices,
  request: MissRequest,
): Promise<DeliveryResponse> {
  const wanted = parseRenderKey(request.key);
  if (!wanted) return NOT_FOUND();
  const problem = transformProblem(wanted.transform, {
    maxSide: services.config.DELIVERY_MAX_SIDE,
    sizes: services.config.DELIVERY_SIZES,
  });
  if (problem) return text(400, `Bad Request: ${problem}`);

  let shared = services.inFlight.get(request.key);
  if (!shared) {
    shared = renderAndStore(services, request.key, wanted).finally(() =>
      services.inFlight.delete(request.key),
    );
    services.inFlight.set(request.key, shared);
  }
  const response = await shared;
  if (response.status !== 200) return response;
  const etag = response.headers.etag!;
  if (matches(request.ifNoneMatch, etag)) {
    return { status: 304, headers: { etag, 'cache-control': IMMUTABLE } };
  }
  if (response.body!.length > INLINE_LIMIT_BYTES && request.viewerUrl) {
    return {
      status: 307,
      headers: { location: request.viewerUrl, 'cache-control': 'no-store' },
    };
  }
  return request.method === 'HEAD' ? { status: 200, headers: response.headers } : response;
}

type Wanted = NonNullable<ReturnType<typeof parseRenderKey>>;

/**
 * A render of a servable image, charged to its owner's renders of the day first: over the limit,
 * 429 and nothing rendered. A render that is not delivered (an error, a timeout, a missing
 * original) is given back, so a viewer's retry is charged once. Identical requests in flight
 * share one render and one charge (respondToMiss); racing functions each charge theirs.
 */
async function renderAndStore(
  services: DeliveryServices,
  key: string,
  wanted: Wanted,
): Promise<DeliveryResponse> {
  const { config, images, quotas, logger } = services;
  const record = await images.get(wanted.imageId);
  if (!record || record.status !== 'PROCESSED' || (record.generation ?? 0) !== wanted.generation) {
    return NOT_FOUND();
  }
  const chargedAt = services.now();
  try {
    await quotas.chargeRender(record.owner, chargedAt, config.QUOTA_RENDERS_PER_DAY);
  } catch (error) {
    if (error instanceof QuotaExceededError) return rendersUsedUp(error, chargedAt);
    throw error;
  }
  let response: DeliveryResponse | undefined;
  try {
    response = await renderFromOriginal(services, key, wanted, record);
    return response;
  } finally {
    if (response?.status !== 200) {
      await quotas.refundRender(record.owner, chargedAt).catch((error: unknown) => {
        logger.warn('could not give back an undelivered render', { key, error: error as Error });
      });
    }
  }
}

/** 429 until the owner's renders reset (the next UTC midnight), with Retry-After in seconds. */
function rendersUsedUp(refusal: QuotaExceededError, now: Date): DeliveryResponse {
  const resetsAt = refusal.resetsAt ?? now;
  const seconds = Math.max(1, Math.ceil((resetsAt.getTime() - now.getTime()) / 1000));
  return text(
    429,
    `Too Many Requests: this image's owner has used the ${refusal.limit} on-demand renders a day their quota allows (RENDERS_PER_DAY); sizes already made are still served, new ones again from ${resetsAt.toISOString()}.`,
    { 'retry-after': String(seconds) },
  );
}

async function renderFromOriginal(
  services: DeliveryServices,
  key: string,
  wanted: Wanted,
  record: ImageRecord,
): Promise<DeliveryResponse> {
  const { config, s3, logger } = services;
  let original: Buffer;
  try {
    const object = await s3.send(
      new GetObjectCommand({ Bucket: config.ORIGINALS_BUCKET, Key: record.originalKey }),
    );
    original = Buffer.from(await object.Body!.transformToByteArray());
  } catch (error) {
    // Without s3:ListBucket S3 answers a missing key 403, not 404 (an original that expired).
    const status = httpStatusOf(error);
    if (status === 404 || status === 403) {
      logger.warn('original missing for a processed image', { imageId: record.id, status });
      return NOT_FOUND();
    }
    throw error;
  }

  let rendered: Rendered;
  try {
    rendered = await withTimeout(config.RENDER_TIMEOUT_SECONDS, () =>
      renderTransform(
        original,
        { transform: wanted.transform, target: wanted.target, faces: record.faces ?? [] },
        {
          maxPixels: config.MAX_INPUT_PIXELS,
          maxSide: config.DELIVERY_MAX_SIDE,
          timeoutSeconds: config.RENDER_TIMEOUT_SECONDS,
        },
      ),
    );
  } catch (error) {
    if (error instanceof RenderTimeout) {
      return text(503, 'Service Unavailable: the render took too long; try again', {
        'retry-after': '1',
      });
    }
    throw error;
  }
  services.stats.renders++;
  const clamped = rendered.clamped ? `${rendered.clamped.width}x${rendered.clamped.height}` : '';
  const contentType = `image/${rendered.format}`;
  const stored = await s3.send(
    new PutObjectCommand({
      Bucket: config.VARIANTS_BUCKET,
      Key: key,
      Body: rendered.data,
      ContentType: contentType,
      CacheControl: IMMUTABLE,
      ...(clamped ? { Metadata: { [CLAMPED_METADATA]: clamped } } : {}),
    }),
  );
  logger.info('rendered on demand', { key, bytes: rendered.data.length, clamped });
  return {
    status: 200,
    headers: {
      'content-type': contentType,
      'content-length': String(rendered.data.length),
      'cache-control': IMMUTABLE,
      // S3's own ETag for the stored copy, so a later hit on the bucket revalidates against it.
      etag: stored.ETag!,
      ...(clamped ? { [CLAMPED_HEADER]: clamped } : {}),
    },
    body: rendered.data,
  };
}

class RenderTimeout extends Error {}

async function withTimeout<T>(seconds: number, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RenderTimeout()), seconds * 1000);
  });
  try {
    return await Promise.race([work(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

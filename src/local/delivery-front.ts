import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { DeliveryKeyConfig } from '../config/delivery.js';
import type { DeliveryHandler } from '../delivery/handler.js';
import { httpStatusOf } from '../storage/transient.js';
import {
  CLAMPED_HEADER,
  CLAMPED_METADATA,
  edgeHeaders,
  IMMUTABLE,
  text,
  type DeliveryResponse,
} from '../delivery/responses.js';
import { authorise, queryText, readRequest, refusalText, VIEWER_URL_HEADER } from '../urls/edge.js';
import { nodeHmac } from '../urls/signer.js';

export interface DeliveryFrontOptions {
  /** Every key that verifies (the first also signs, in the API). */
  keys: readonly DeliveryKeyConfig[];
  /** Expiring mode: URLs without an expiry are refused, as the edge does. */
  requireExpiry: boolean;
  s3: S3Client;
  variantsBucket: string;
  /** The delivery function, the origin a miss fails over to. */
  origin: DeliveryHandler;
  now?: () => Date;
}

export type DeliveryFront = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** The paths the front answers (everything else on the local server is the API's). */
export const isDeliveryPath = (path: string) => path.startsWith('/i/') || path.startsWith('/t/');

/**
 * What CloudFront does on AWS, on the embedded default: the edge function's checks (the same
 * src/urls/ code), the variants bucket as the primary origin, the delivery function as the
 * failover on a miss, and the response headers policies' headers. Nothing is cached in between:
 * the bucket is the cache.
 */
export function createDeliveryFront(options: DeliveryFrontOptions): DeliveryFront {
  return async (req, res) => {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://local');
    // CloudFront refuses methods a behaviour does not allow with 403.
    if (method !== 'GET' && method !== 'HEAD') {
      return write(res, method, text(403, 'Forbidden: only GET and HEAD'));
    }
    const values: Record<string, string> = {};
    for (const [name, value] of url.searchParams) values[name] ??= value;
    const read = readRequest(url.pathname, values);
    if ('status' in read) return write(res, method, text(read.status, refusalText(read)));
    const secret = options.keys.find((key) => key.id === read.keyId)?.secret;
    const outcome = authorise(nodeHmac, read, secret, {
      nowSeconds: Math.floor((options.now?.() ?? new Date()).getTime() / 1000),
      requireExpiry: options.requireExpiry,
      accept: req.headers.accept,
    });
    if (outcome.status !== 200)
      return write(res, method, text(outcome.status, refusalText(outcome)));

    const policy = edgeHeaders(outcome.target !== undefined);
    const ifNoneMatch = req.headers['if-none-match'];
    const stored = await fromBucket(options, outcome.key, method, ifNoneMatch);
    if (stored) return write(res, method, withHeaders(stored, policy));

    const event = originEvent(outcome.key, method, {
      [VIEWER_URL_HEADER]: `${read.uri}?${queryText(read.query)}`,
      ...(ifNoneMatch ? { 'if-none-match': ifNoneMatch } : {}),
    });
    const result = await options.origin(event);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
    return write(
      res,
      method,
      withHeaders(
        {
          status: result.statusCode ?? 200,
          headers,
          ...(result.body
            ? { body: Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8') }
            : {}),
        },
        policy,
      ),
    );
  };
}

/** The object as S3 answers CloudFront: undefined when it is not there (the failover case). */
async function fromBucket(
  options: DeliveryFrontOptions,
  key: string,
  method: string,
  ifNoneMatch: string | undefined,
): Promise<DeliveryResponse | undefined> {
  const input = {
    Bucket: options.variantsBucket,
    Key: key,
    ...(ifNoneMatch ? { IfNoneMatch: ifNoneMatch } : {}),
  };
  try {
    const object =
      method === 'HEAD'
        ? await options.s3.send(new HeadObjectCommand(input))
        : await options.s3.send(new GetObjectCommand(input));
    const clamped = object.Metadata?.[CLAMPED_METADATA];
    const body =
      'Body' in object && object.Body
        ? Buffer.from(await object.Body.transformToByteArray())
        : undefined;
    return {
      status: 200,
      headers: {
        'content-type': object.ContentType ?? 'application/octet-stream',
        'content-length': String(object.ContentLength ?? body?.length ?? 0),
        'cache-control': object.CacheControl ?? IMMUTABLE,
        ...(object.ETag ? { etag: object.ETag } : {}),
        ...(object.LastModified ? { 'last-modified': object.LastModified.toUTCString() } : {}),
        ...(clamped ? { [CLAMPED_HEADER]: clamped } : {}),
      },
      ...(body ? { body } : {}),
    };
  } catch (error) {
    const status = httpStatusOf(error);
    if (status === 304) {
      return { status: 304, headers: { etag: ifNoneMatch!, 'cache-control': IMMUTABLE } };
    }
    if (status === 404 || status === 403) return undefined;
    throw error;
  }
}

/** The response headers policy: its headers, Cache-Control only where the origin sent none. */
function withHeaders(response: DeliveryResponse, policy: Record<string, string>): DeliveryResponse {
  return { ...response, headers: { ...policy, ...response.headers, ...pick(policy, 'vary') } };
}

const pick = (headers: Record<string, string>, name: string) =>
  headers[name] ? { [name]: headers[name] } : {};

/** A Lambda function URL's event (payload 2.0) for the failover request. */
function originEvent(
  key: string,
  method: string,
  headers: Record<string, string>,
): APIGatewayProxyEventV2 {
  const now = new Date();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: `/${key}`,
    rawQueryString: '',
    headers,
    requestContext: {
      accountId: 'anonymous',
      apiId: 'local-delivery',
      domainName: 'local-delivery',
      domainPrefix: 'local-delivery',
      http: {
        method,
        path: `/${key}`,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'Amazon CloudFront',
      },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    isBase64Encoded: false,
  };
}

function write(res: ServerResponse, method: string, response: DeliveryResponse) {
  res.writeHead(response.status, response.headers);
  res.end(method === 'HEAD' ? undefined : response.body);
}

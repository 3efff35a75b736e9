import { createHash } from 'node:crypto';
import {
  checkSignature,
  credentialScope,
  PostPolicyError,
  signingKey,
  type PolicyCredentials,
} from './s3-post-policy.js';

/**
 * Checks a presigned GET or HEAD (Signature Version 4, query-string auth) the way S3 does: the
 * signature over the request and its expiry. s3rver serves any anonymous read, so without this a
 * variant URL on the embedded default would never expire and a bucket would be as good as public.
 * Requests signed in the Authorization header (the handlers' SDK clients) are not this module's.
 */

/** RFC 3986 encoding, as SigV4 canonicalises query names and values. */
const encode = (value: string) =>
  encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

const denied = (code: string, message: string) => new PostPolicyError(403, code, message);

/** X-Amz-Date (20261125T101500Z) as a Date. */
function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)) : undefined;
}

/** Whether a request is a read that must carry a presigned query (no Authorization header). */
export const isAnonymousRead = (method: string | undefined, authorization: string | undefined) =>
  (method === 'GET' || method === 'HEAD') && !authorization;

/**
 * Throws S3's error (403 AccessDenied or SignatureDoesNotMatch) unless `url` (path and query as
 * received) is a valid, unexpired presigned read for `host`.
 */
export function verifyPresignedRead(
  method: string,
  url: string,
  host: string,
  credentials: PolicyCredentials,
  now: Date,
): void {
  const [path = '/', rawQuery = ''] = url.split('?', 2);
  const params = new URLSearchParams(rawQuery);
  const signature = params.get('X-Amz-Signature');
  if (!signature) throw denied('AccessDenied', 'Access Denied: the bucket is private');
  if (params.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') {
    throw denied('AccessDenied', 'X-Amz-Algorithm must be AWS4-HMAC-SHA256');
  }
  const { day, region } = credentialScope(params.get('X-Amz-Credential') ?? '', credentials);
  const amzDate = params.get('X-Amz-Date') ?? '';
  const signedAt = parseAmzDate(amzDate);
  const expires = Number(params.get('X-Amz-Expires'));
  if (!signedAt || !amzDate.startsWith(day) || !Number.isInteger(expires) || expires < 1) {
    throw denied('AccessDenied', 'X-Amz-Date, X-Amz-Credential or X-Amz-Expires is malformed');
  }
  if (now.getTime() > signedAt.getTime() + expires * 1000) {
    throw denied('AccessDenied', 'Request has expired');
  }

  const signedHeaders = params.get('X-Amz-SignedHeaders') ?? '';
  if (signedHeaders !== 'host') {
    // Presigned reads here sign the host alone; anything else is not a URL this service made.
    throw denied('AccessDenied', 'X-Amz-SignedHeaders must be host');
  }
  const canonicalQuery = [...params.entries()]
    .filter(([name]) => name !== 'X-Amz-Signature')
    .map(([name, value]) => [encode(name), encode(value)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const canonicalRequest = [
    method,
    path, // S3 signs the path as sent, without encoding it again
    canonicalQuery,
    `host:${host.trim()}\n`,
    signedHeaders,
    params.get('X-Amz-Content-Sha256') ?? 'UNSIGNED-PAYLOAD',
  ].join('\n');
  const scope = `${day}/${region}/s3/aws4_request`;
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    amzDate,
    scope,
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n');
  checkSignature(signature, signingKey(credentials.secretAccessKey, day, region), stringToSign);
}

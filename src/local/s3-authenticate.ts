import type { IncomingMessage } from 'node:http';
import { accessDenied, S3Error } from './s3-errors.js';
import { isPayloadHash } from './s3-payload.js';
import type { SigV4Verifier, Verified } from './s3-sigv4.js';

/**
 * Which of S3's ways of authenticating a request this one uses, checked by that way, as S3 does
 * for a private bucket: Signature Version 4 in the Authorization header, or in the query
 * (presigned). Anything else, anonymous requests included, is refused. Browser POST uploads and
 * CORS preflights are not this module's: the emulator routes them before calling it.
 */
export async function authenticate(
  req: IncomingMessage,
  verifier: SigV4Verifier,
): Promise<Verified> {
  const received = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers };
  const query = new URL(received.url, 'http://local').searchParams;
  const authorization = req.headers.authorization;
  // S3 names the presigned parameters case-sensitively.
  const presigned = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature'].some((name) =>
    query.has(name),
  );
  if (authorization !== undefined && presigned) {
    throw new S3Error(
      400,
      'InvalidArgument',
      'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified',
    );
  }
  let verified: Verified;
  if (authorization !== undefined) {
    const scheme = authorization.trim().split(' ', 1)[0];
    if (scheme === 'AWS') throw unsupported();
    if (scheme !== 'AWS4-HMAC-SHA256') {
      throw new S3Error(400, 'InvalidArgument', 'Unsupported Authorization Type');
    }
    verified = await verifier.verifyHeader(received);
  } else if (presigned) {
    verified = await verifier.verifyQuery(received);
  } else if (query.has('Signature') || query.has('AWSAccessKeyId')) {
    throw unsupported();
  } else {
    throw accessDenied();
  }
  if (!isPayloadHash(verified.payloadHash)) {
    throw new S3Error(
      400,
      'InvalidArgument',
      'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD(-TRAILER), or a valid sha256 value.',
    );
  }
  return verified;
}

/** Signature Version 2: S3 refuses it in every region opened since 2014. */
const unsupported = () =>
  new S3Error(
    400,
    'InvalidRequest',
    'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.',
  );

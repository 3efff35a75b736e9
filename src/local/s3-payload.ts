import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { S3Error } from './s3-errors.js';

/**
 * The largest body whose declared SHA-256 is checked: it is held in memory until it matches,
 * because s3rver writes straight over the stored object and could not take a bad one back.
 * Larger objects go as multipart uploads, or with UNSIGNED-PAYLOAD, as they would to S3 anyway.
 */
export const MAX_HASHED_BODY_BYTES = 512 * 1024 * 1024;

/**
 * The payload declarations S3 accepts for Signature Version 4 (not V4a): a hex SHA-256 of the
 * body, unsigned, or aws-chunked streaming (signed chunks, or unsigned with a checksum trailer,
 * which the SDK sends for streams of known length when flexible checksums are on).
 */
const UNHASHED = new Set([
  'UNSIGNED-PAYLOAD',
  'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER',
]);

export const isPayloadHash = (value: string) => UNHASHED.has(value) || isHexDigest(value);

export const isHexDigest = (value: string) => /^[0-9a-fA-F]{64}$/.test(value);

/**
 * The request to hand to s3rver once its body is known to be the one that was signed: the request
 * itself when the payload is unsigned or aws-chunked (passed on untouched), else a copy made from
 * the body read in full (returned too), after its SHA-256 matched `payloadHash` (S3's
 * XAmzContentSHA256Mismatch otherwise, and nothing is stored).
 */
export async function checkedRequest(
  req: IncomingMessage,
  payloadHash: string,
  limit = MAX_HASHED_BODY_BYTES,
): Promise<{ request: IncomingMessage; body?: Buffer }> {
  if (!isHexDigest(payloadHash)) return { request: req };
  const body = await readBody(
    req,
    limit,
    () =>
      new S3Error(
        400,
        'EntityTooLarge',
        `The embedded S3 checks a signed payload in memory, up to ${limit} bytes: use a multipart upload or UNSIGNED-PAYLOAD for more`,
      ),
  );
  const actual = createHash('sha256').update(body).digest('hex');
  if (actual !== payloadHash.toLowerCase()) {
    throw new S3Error(
      400,
      'XAmzContentSHA256Mismatch',
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
    );
  }
  return { request: replay(req, body), body };
}

/**
 * A request's body, read in full, up to `limit` bytes; past that `tooLarge()` is the error and the
 * rest is read and dropped, so the client still gets the answer.
 */
export function readBody(
  req: IncomingMessage,
  limit: number,
  tooLarge: () => Error,
): Promise<Buffer> {
  if (Number(req.headers['content-length'] ?? 0) > limit) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(tooLarge());
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The size of the pieces a replayed body is read in: about what a socket delivers at a time. */
const REPLAY_CHUNK_BYTES = 64 * 1024;

/**
 * A stand-in for `req` whose body is `body`: Koa (s3rver) reads the method, URL, headers and
 * socket of the request and streams the body, nothing else. The body comes in socket-sized pieces
 * as the reader asks for them, not as one chunk: s3rver answers a PUT once its last chunk has
 * passed through (not once the file is flushed), so one large chunk would let a read right after
 * the answer find the object half written.
 */
function replay(req: IncomingMessage, body: Buffer): IncomingMessage {
  let offset = 0;
  const stream = new Readable({
    read() {
      if (offset >= body.length) return void this.push(null);
      this.push(body.subarray(offset, (offset += REPLAY_CHUNK_BYTES)));
    },
  });
  const fields: Partial<IncomingMessage> = {
    method: req.method,
    url: req.url,
    headers: req.headers,
    rawHeaders: req.rawHeaders,
    httpVersion: req.httpVersion,
    httpVersionMajor: req.httpVersionMajor,
    httpVersionMinor: req.httpVersionMinor,
    socket: req.socket,
    complete: true,
  };
  // The copy is a stream with the request's fields: the IncomingMessage Koa needs, but for its body.
  return Object.assign(stream, fields) as unknown as IncomingMessage;
}

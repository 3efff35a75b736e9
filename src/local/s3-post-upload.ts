import type { IncomingMessage, ServerResponse } from 'node:http';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import busboy from 'busboy';
import { S3Error } from './s3-errors.js';
import { verifyPostPolicy } from './s3-post-policy.js';
import type { SigV4Verifier } from './s3-sigv4.js';

/**
 * Browser-based POST uploads (`POST /<bucket>`, multipart/form-data), as S3 takes them: the form's
 * policy is the authentication. Form field names are case-insensitive on S3, so every field is
 * read under its lower-cased name, once: the policy check and the stored object see the same
 * value, and a field sent twice in any spelling is refused rather than resolved one way or the
 * other. Fields after the file are ignored, as S3 ignores them.
 */

/** The bucket a browser-style POST upload targets (`POST /<bucket>`), or undefined. */
export function postTarget(req: IncomingMessage, buckets: string[]): string | undefined {
  if (req.method !== 'POST') return undefined;
  if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/form-data')) {
    return undefined;
  }
  const path = new URL(req.url ?? '/', 'http://local').pathname.replace(/\/+$/, '');
  const bucket = decodeURIComponent(path.slice(1));
  return buckets.includes(bucket) ? bucket : undefined;
}

const sizeError = (code: string, message: string) => new S3Error(400, code, message);

/** Reads the form up to and including the file, checking the policy before taking the file. */
function readForm(
  req: IncomingMessage,
  bucket: string,
  verifier: SigV4Verifier,
): Promise<{ fields: Map<string, string>; file: Buffer; accessKeyId: string }> {
  const fields = new Map<string, string>();
  return new Promise((resolve, reject) => {
    const parser = busboy({ headers: req.headers, limits: { fields: 50, fieldSize: 64 * 1024 } });
    let gotFile = false;
    let failed = false;
    const fail = (error: unknown) => {
      failed = true;
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    parser.on('field', (name, value) => {
      if (gotFile || failed) return;
      const lower = name.toLowerCase();
      if (fields.has(lower)) {
        return fail(
          new S3Error(
            400,
            'InvalidArgument',
            `Bucket POST must contain exactly one field named '${lower}' (in any case spelling).`,
          ),
        );
      }
      fields.set(lower, value);
    });
    parser.on('file', (name, stream) => {
      if (name.toLowerCase() !== 'file' || gotFile || failed) return stream.resume();
      gotFile = true;
      // S3 reads the policy from the fields sent before the file, so the check happens here.
      verifyPostPolicy(bucket, fields, verifier, new Date()).then(
        (range) => {
          const chunks: Buffer[] = [];
          let size = 0;
          stream.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > range.maxBytes) {
              stream.destroy();
              fail(
                sizeError(
                  'EntityTooLarge',
                  `Your proposed upload exceeds the maximum allowed size (${range.maxBytes} bytes)`,
                ),
              );
            } else chunks.push(chunk);
          });
          stream.on('end', () => {
            if (failed) return;
            if (size < range.minBytes) {
              fail(
                sizeError(
                  'EntityTooSmall',
                  `Your proposed upload is smaller than the minimum allowed size (${range.minBytes} bytes)`,
                ),
              );
            } else resolve({ fields, file: Buffer.concat(chunks), accessKeyId: range.accessKeyId });
          });
        },
        (error: unknown) => {
          stream.resume();
          fail(error);
        },
      );
    });
    parser.on('error', fail);
    parser.on('close', () => {
      if (!gotFile && !failed) {
        fail(
          new S3Error(400, 'InvalidArgument', 'POST requires exactly one file upload per request.'),
        );
      }
    });
    req.pipe(parser);
  });
}

/** Checks a browser POST upload and stores its file through the emulator's own API. */
export async function handlePostUpload(
  req: IncomingMessage,
  res: ServerResponse,
  bucket: string,
  verifier: SigV4Verifier,
  s3: S3Client,
  /** Throws S3's AccessDenied unless the policy's signer may put `key` (s3:PutObject). */
  authorizePut: (accessKeyId: string, key: string) => void = () => undefined,
): Promise<void> {
  const { fields, file, accessKeyId } = await readForm(req, bucket, verifier);
  // The very values the policy was checked against.
  const key = fields.get('key');
  if (!key) {
    throw new S3Error(400, 'InvalidArgument', "Bucket POST must contain a field named 'key'.");
  }
  // A POST runs with its signer's permissions, as a presigned request does.
  authorizePut(accessKeyId, key);
  const contentType = fields.get('content-type');
  const { ETag } = await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: file,
      ...(contentType ? { ContentType: contentType } : {}),
    }),
  );
  // S3's default success_action_status for POST uploads is 204 No Content.
  res.writeHead(204, { ETag: ETag ?? '', Location: `/${bucket}/${encodeURIComponent(key)}` });
  res.end();
}

/** A bucket's objects to files and back, with their headers, checked by SHA-256. */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { BucketRole, ObjectLine } from './folder.js';

/** Every key of the bucket, with its size. */
export async function* listObjects(
  s3: S3Client,
  bucket: string,
): AsyncGenerator<{ key: string; bytes: number }> {
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }),
    );
    for (const object of page.Contents ?? []) {
      yield { key: object.Key!, bytes: object.Size ?? 0 };
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
}

/** Whether the bucket holds no object. */
export async function bucketIsEmpty(s3: S3Client, bucket: string): Promise<boolean> {
  const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 1 }));
  return (page.KeyCount ?? page.Contents?.length ?? 0) === 0;
}

/** Streams one object to `path` (never whole in memory), hashing it on the way. */
export async function downloadObject(
  s3: S3Client,
  bucket: { name: string; role: BucketRole },
  key: string,
  path: string,
): Promise<ObjectLine> {
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket.name, Key: key }));
  await mkdir(dirname(path), { recursive: true });
  const hash = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  await pipeline(object.Body as NodeJS.ReadableStream, tap, createWriteStream(path));
  const metadata = object.Metadata ?? {};
  return {
    bucket: bucket.role,
    key,
    bytes,
    sha256: hash.digest('hex'),
    ...(object.ETag ? { etag: object.ETag } : {}),
    ...(object.ContentType ? { contentType: object.ContentType } : {}),
    ...(object.CacheControl ? { cacheControl: object.CacheControl } : {}),
    ...(object.ContentDisposition ? { contentDisposition: object.ContentDisposition } : {}),
    ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
  };
}

/** A file whose bytes are not what the backup recorded (changed or damaged since). */
export class DamagedObjectError extends Error {
  override name = 'DamagedObjectError';
}

/** Checks one file against what the backup recorded, reading it as a stream. */
export async function verifyObject(line: ObjectLine, path: string): Promise<void> {
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      bytes += chunk.length;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new DamagedObjectError(`${path} is missing: the backup is incomplete`);
  }
  damaged(path, line, bytes, hash.digest('hex'));
}

function damaged(path: string, line: ObjectLine, bytes: number, digest: string): void {
  if (bytes === line.bytes && digest === line.sha256) return;
  throw new DamagedObjectError(
    `${path} is not the file the backup recorded (${bytes} bytes, SHA-256 ${digest.slice(0, 12)}…; recorded ${line.bytes} bytes, ${line.sha256.slice(0, 12)}…)`,
  );
}

/**
 * Puts one object back from `path` with the headers it had, after checking its bytes against
 * the recorded hash. Returns the ETag S3 gave it.
 */
export async function uploadObject(
  s3: S3Client,
  bucketName: string,
  line: ObjectLine,
  path: string,
): Promise<string | undefined> {
  // Originals and variants are bounded by MAX_UPLOAD_BYTES and the render limits: whole in memory is fine.
  const body = await readFile(path);
  // Checked again: the file may have changed since verifyObject read it.
  damaged(path, line, body.length, createHash('sha256').update(body).digest('hex'));
  const put = await s3.send(
    new PutObjectCommand({
      Bucket: bucketName,
      Key: line.key,
      Body: body,
      ContentType: line.contentType,
      CacheControl: line.cacheControl,
      ContentDisposition: line.contentDisposition,
      Metadata: line.metadata,
    }),
  );
  return put.ETag;
}

import { unlink } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import busboy from 'busboy';
import S3rver, { type FilesystemStore } from 's3rver';
import type { S3EventRecord } from 'aws-lambda';
import {
  PostPolicyError,
  s3ErrorXml,
  verifyPostPolicy,
  type PolicyCredentials,
} from './s3-post-policy.js';
import { isAnonymousRead, verifyPresignedRead } from './s3-presigned-get.js';

/** s3rver's built-in account: the emulator accepts requests signed with it. */
export const LOCAL_S3_CREDENTIALS: PolicyCredentials = {
  accessKeyId: 'S3RVER',
  secretAccessKey: 'S3RVER',
};

export interface S3Emulator {
  endpoint: string;
  close(): Promise<void>;
}

export interface S3EmulatorOptions {
  host: string;
  port: number;
  directory: string;
  region: string;
  buckets: string[];
  /** Called for each object created, with the record in the S3 event notification shape. */
  onObjectCreated: (record: S3EventRecord) => void;
}

// Browsers post uploads straight to the bucket and fetch variants from it.
const CORS = `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedMethod>POST</AllowedMethod><AllowedMethod>HEAD</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader></CORSRule></CORSConfiguration>`;

/** S3 event keys are URL-encoded with '+' for spaces; s3rver sends them raw. */
const encodeEventKey = (key: string) =>
  encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+');

/**
 * s3rver (S3 protocol, files under `directory`) behind a front that does what s3rver does not:
 * it verifies browser POST uploads against their presigned policy, then stores the object through
 * the emulator, and lets anonymous reads through only with a valid, unexpired presigned URL (the
 * buckets are private). Requests from SDK clients (signed in the header) go straight to s3rver.
 */
export async function startS3Emulator(options: S3EmulatorOptions): Promise<S3Emulator> {
  const s3rver = new S3rver({
    directory: options.directory,
    silent: true,
    configureBuckets: options.buckets.map((name) => ({ name, configs: [CORS] })),
  });
  await s3rver.configureBuckets();
  keepFoldersOnDelete(s3rver.store);
  s3rver.on('event', (event: { Records: S3EventRecord[] }) => {
    for (const record of event.Records) {
      if (!record.eventName.startsWith('ObjectCreated:')) continue;
      options.onObjectCreated({
        ...record,
        awsRegion: options.region,
        s3: {
          ...record.s3,
          object: { ...record.s3.object, key: encodeEventKey(record.s3.object.key) },
        },
      });
    }
  });
  const emulator = s3rver.callback();

  // Objects posted by browsers are stored through the emulator's own API, once it has an address.
  const internal: { client?: S3Client } = {};
  const server = createServer((req, res) => {
    if (isAnonymousRead(req.method, req.headers.authorization)) {
      try {
        verifyPresignedRead(
          req.method!,
          req.url ?? '/',
          req.headers.host ?? '',
          LOCAL_S3_CREDENTIALS,
          new Date(),
        );
      } catch (error) {
        const failure = error as PostPolicyError;
        res.writeHead(failure.status, { 'content-type': 'application/xml' });
        // HEAD answers have no body, as on S3.
        return res.end(
          req.method === 'HEAD' ? undefined : s3ErrorXml(failure.code, failure.message),
        );
      }
      return emulator(req, res);
    }
    const bucket = postTarget(req, options.buckets);
    if (!bucket) return emulator(req, res);
    handlePost(req, res, bucket, internal.client!).catch((error: unknown) => {
      const failure =
        error instanceof PostPolicyError
          ? error
          : new PostPolicyError(500, 'InternalError', String(error));
      if (!res.headersSent) {
        res.writeHead(failure.status, { 'content-type': 'application/xml', connection: 'close' });
      }
      res.end(s3ErrorXml(failure.code, failure.message));
      // Stop reading whatever the client is still sending.
      req.unpipe();
      req.resume();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port, options.host, resolve));
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://${options.host}:${port}`;
  internal.client = new S3Client({
    region: options.region,
    endpoint,
    forcePathStyle: true,
    credentials: LOCAL_S3_CREDENTIALS,
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
  return {
    endpoint,
    close: () => closeServer(server).finally(() => internal.client?.destroy()),
  };
}

/** The bucket a browser-style POST upload targets (`POST /<bucket>`), or undefined. */
function postTarget(req: IncomingMessage, buckets: string[]): string | undefined {
  if (req.method !== 'POST') return undefined;
  if (!(req.headers['content-type'] ?? '').startsWith('multipart/form-data')) return undefined;
  const path = new URL(req.url ?? '/', 'http://local').pathname.replace(/\/+$/, '');
  const bucket = decodeURIComponent(path.slice(1));
  return buckets.includes(bucket) ? bucket : undefined;
}

async function handlePost(
  req: IncomingMessage,
  res: ServerResponse,
  bucket: string,
  s3: S3Client,
): Promise<void> {
  const fields: Record<string, string> = {};
  const body = await new Promise<Buffer>((resolve, reject) => {
    const parser = busboy({ headers: req.headers, limits: { fields: 50, fieldSize: 64 * 1024 } });
    let gotFile = false;
    parser.on('field', (name, value) => {
      if (!gotFile) fields[name] = value;
    });
    parser.on('file', (name, stream) => {
      if (name !== 'file' || gotFile) return stream.resume();
      gotFile = true;
      let range: { minBytes: number; maxBytes: number };
      try {
        // S3 reads the policy from the fields sent before the file, so the check happens here.
        range = verifyPostPolicy(bucket, fields, LOCAL_S3_CREDENTIALS, new Date());
      } catch (error) {
        stream.resume();
        return reject(error instanceof Error ? error : new Error(String(error)));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > range.maxBytes) {
          stream.destroy();
          reject(
            new PostPolicyError(
              400,
              'EntityTooLarge',
              `Your proposed upload exceeds the maximum allowed size (${range.maxBytes} bytes)`,
            ),
          );
        } else chunks.push(chunk);
      });
      stream.on('end', () => {
        if (size < range.minBytes) {
          reject(
            new PostPolicyError(
              400,
              'EntityTooSmall',
              `Your proposed upload is smaller than the minimum allowed size (${range.minBytes} bytes)`,
            ),
          );
        } else resolve(Buffer.concat(chunks));
      });
    });
    parser.on('error', reject);
    parser.on('close', () => {
      if (!gotFile) {
        reject(
          new PostPolicyError(
            400,
            'InvalidArgument',
            'POST requires exactly one file upload per request.',
          ),
        );
      }
    });
    req.pipe(parser);
  });

  const key = fields.key ?? Object.entries(fields).find(([k]) => k.toLowerCase() === 'key')?.[1];
  if (!key)
    throw new PostPolicyError(
      400,
      'InvalidArgument',
      "Bucket POST must contain a field named 'key'.",
    );
  const contentType = Object.entries(fields).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
  const { ETag } = await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: body,
      ...(contentType ? { ContentType: contentType } : {}),
    }),
  );
  // S3's default success_action_status for POST uploads is 204 No Content.
  res.writeHead(204, { ETag: ETag ?? '', Location: `/${bucket}/${encodeURIComponent(key)}` });
  res.end();
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

/**
 * s3rver removes a key's folder once the last object in it is deleted. A PUT into that folder at
 * the same moment (S3 allows any interleaving: a failed run's clean-up beside a write still in
 * flight) then cannot open its file, and s3rver's write stream has no error handler, so the
 * process dies with ENOENT. S3 has no folders: here a delete removes the object's files and
 * leaves the folder (listings only ever read object files).
 */
function keepFoldersOnDelete(store: FilesystemStore): void {
  store.deleteObject = async (bucket, key) => {
    await Promise.all(
      ['object', 'object.md5', 'metadata.json'].map((resource) =>
        unlink(store.getResourcePath(bucket, key, resource)).catch(
          (error: NodeJS.ErrnoException) => {
            if (error.code !== 'ENOENT') throw error;
          },
        ),
      ),
    );
  };
}

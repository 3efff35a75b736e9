import { existsSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { S3Client } from '@aws-sdk/client-s3';
import S3rver, { type FilesystemStore } from 's3rver';
import type { S3EventRecord } from 'aws-lambda';
import type { LocalAccess } from './iam-policy.js';
import { s3Access } from './s3-access.js';
import { authenticate } from './s3-authenticate.js';
import type { S3Credentials } from './s3-credentials.js';
import { accessDenied, sendS3Error } from './s3-errors.js';
import { checkedRequest } from './s3-payload.js';
import { handlePostUpload, postTarget } from './s3-post-upload.js';
import { SigV4Verifier } from './s3-sigv4.js';

export interface S3Emulator {
  endpoint: string;
  /** The only key pair the endpoint accepts signatures from. */
  credentials: S3Credentials;
  close(): Promise<void>;
}

export interface S3EmulatorOptions {
  host: string;
  port: number;
  directory: string;
  region: string;
  buckets: string[];
  /** The key pair to accept (folderS3Credentials for a data folder, freshS3Credentials else). */
  credentials: S3Credentials;
  /**
   * More key pairs to accept (each function's own), and what each may do: every request is
   * authorised against its signer's policy as S3 does, `credentials` allowed everything.
   */
  principals?: { keys: S3Credentials[]; access: LocalAccess };
  /** Called for each object created, with the record in the S3 event notification shape. */
  onObjectCreated: (record: S3EventRecord) => void;
}

// Browsers post uploads straight to the bucket and fetch variants from it.
const CORS = `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedMethod>POST</AllowedMethod><AllowedMethod>HEAD</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader></CORSRule></CORSConfiguration>`;

/** S3 event keys are URL-encoded with '+' for spaces; s3rver sends them raw. */
const encodeEventKey = (key: string) =>
  encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+');

/**
 * s3rver checks that a signature's key id exists and nothing more (its V4 check is a stub). The
 * front verifies every signature first; s3rver is told the key id so that it takes the request.
 */
function admitKeyId(credentials: S3Credentials): void {
  // s3rver's account registry (lib/models/account.js) has no type declarations of its own.
  const { DUMMY_ACCOUNT } = createRequire(import.meta.url)('s3rver/lib/models/account.js') as {
    DUMMY_ACCOUNT: { createKeyPair(accessKeyId: string, secretAccessKey: string): void };
  };
  DUMMY_ACCOUNT.createKeyPair(credentials.accessKeyId, credentials.secretAccessKey);
}

/**
 * What S3 adds to a cross-origin request's answer (success or refusal) when a CORS rule matches
 * it: the rule above allows any origin GET, POST and HEAD. s3rver adds them to what it answers
 * itself; the front answers browser POST uploads and refusals before it, so adds them there.
 */
function corsHeaders(req: IncomingMessage, res: ServerResponse): void {
  if (req.headers.origin === undefined || !['GET', 'POST', 'HEAD'].includes(req.method ?? ''))
    return;
  res.setHeader('access-control-allow-origin', '*');
  res.setHeader('access-control-allow-methods', 'GET, POST, HEAD');
  res.setHeader('access-control-expose-headers', 'ETag');
  res.setHeader('vary', 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method');
}

/** A CORS preflight, which S3 answers without authentication. */
const isPreflight = (req: IncomingMessage) =>
  req.method === 'OPTIONS' &&
  req.headers.origin !== undefined &&
  req.headers['access-control-request-method'] !== undefined;

/**
 * s3rver (S3 protocol, files under `directory`) behind a front that authenticates every request
 * as S3 does for private buckets, since s3rver verifies nothing: Signature Version 4 in the
 * header (with S3's 15-minute clock skew) or in the query (presigned, until it expires), against
 * `credentials`, and the declared payload SHA-256 against the body before anything is stored.
 * Browser POST uploads are verified against their policy (the policy is their authentication)
 * and stored through the emulator's own API. Anonymous requests are refused, CORS preflights
 * aside.
 */
export async function startS3Emulator(options: S3EmulatorOptions): Promise<S3Emulator> {
  const s3rver = new S3rver({
    directory: options.directory,
    silent: true,
    configureBuckets: options.buckets.map((name) => ({ name, configs: [CORS] })),
  });
  await s3rver.configureBuckets();
  keepFoldersOnDelete(s3rver.store);
  admitKeyId(options.credentials);
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
  const verifier = new SigV4Verifier(
    [options.credentials, ...(options.principals?.keys ?? [])],
    options.region,
  );
  options.principals?.keys.forEach(admitKeyId);
  const access = options.principals?.access;
  const stored = (bucket: string, key: string) =>
    existsSync(s3rver.store.getResourcePath(bucket, key, 'object'));
  /** Throws S3's AccessDenied unless the signer's policy allows every authorisation it needs. */
  const authorize = (
    accessKeyId: string,
    method: string,
    url: string,
    headers: IncomingMessage['headers'],
    body?: Buffer,
  ) => {
    if (!access || accessKeyId === options.credentials.accessKeyId) return;
    const { requests, reads } = s3Access(method, url, headers, body);
    for (const request of requests) {
      if (!access.allows(accessKeyId, request))
        throw accessDenied(access.denial(accessKeyId, request));
    }
    for (const { bucket, key } of reads) {
      if (stored(bucket, key)) continue;
      // Asked without a prefix: a ListBucket grant limited by s3:prefix is not known to count.
      const list = { action: 's3:ListBucket', resource: `arn:aws:s3:::${bucket}` };
      if (!access.allows(accessKeyId, list)) throw accessDenied();
    }
  };

  // Objects posted by browsers are stored through the emulator's own API, once it has an address.
  const internal: { client?: S3Client } = {};
  const server = createServer((req, res) => {
    if (isPreflight(req)) return emulator(req, res);
    corsHeaders(req, res);
    const bucket = postTarget(req, options.buckets);
    if (bucket) {
      handlePostUpload(req, res, bucket, verifier, internal.client!, (accessKeyId, key) =>
        authorize(accessKeyId, 'PUT', `/${bucket}/${encodeURIComponent(key)}`, {}),
      ).catch((error: unknown) => refuse(req, res, error));
      return;
    }
    authenticate(req, verifier)
      .then(async ({ payloadHash, accessKeyId }) => {
        const { request, body } = await checkedRequest(req, payloadHash);
        authorize(accessKeyId, req.method ?? 'GET', req.url ?? '/', req.headers, body);
        return request;
      })
      .then(
        (checked) => emulator(checked, res),
        (error: unknown) => refuse(req, res, error),
      );
  });
  await new Promise<void>((resolve) => server.listen(options.port, options.host, resolve));
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://${options.host}:${port}`;
  internal.client = new S3Client({
    region: options.region,
    endpoint,
    forcePathStyle: true,
    credentials: options.credentials,
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
  return {
    endpoint,
    credentials: options.credentials,
    close: () => closeServer(server).finally(() => internal.client?.destroy()),
  };
}

/**
 * How much of a refused request's body is still read (and dropped) so that the client, which may
 * still be sending, gets the answer rather than a broken pipe; past that the connection is cut.
 */
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;

/** Answers S3's error for `req`, and nothing it sent is stored. */
function refuse(req: IncomingMessage, res: ServerResponse, error: unknown): void {
  sendS3Error(res, req.method, error);
  req.unpipe();
  let left = DRAIN_LIMIT_BYTES;
  req.on('data', (chunk: Buffer) => {
    left -= chunk.length;
    if (left < 0) req.socket.destroy();
  });
  req.resume();
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

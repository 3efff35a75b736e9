import { createHash } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { request, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { Hash } from '@smithy/core/serde';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  folderS3Credentials,
  freshS3Credentials,
  type S3Credentials,
} from '../../src/local/s3-credentials.js';
import { startS3Emulator, type S3Emulator } from '../../src/local/s3-emulator.js';

const REGION = 'us-east-1';
const BUCKET = 'vault';
const MINUTE = 60_000;
/** s3rver's built-in pair, printed in its README: what the endpoint accepted before. */
const S3RVER_PAIR = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

const sha256 = (body: string | Buffer) => createHash('sha256').update(body).digest('hex');

const clientOf = (endpoint: string, credentials: S3Credentials, handlers = false) =>
  new S3Client({
    region: REGION,
    endpoint,
    forcePathStyle: true,
    credentials,
    maxAttempts: 1,
    // The handlers' clients (src/storage) send no flexible checksums; the tests' helper does.
    ...(handlers ? { requestChecksumCalculation: 'WHEN_REQUIRED' as const } : {}),
  });

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A raw request, exactly as given: what an attacker on loopback can send. */
function send(
  endpoint: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string | Buffer,
): Promise<Answer> {
  const { hostname, port } = new URL(endpoint);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode!,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

const signerFor = (credentials: S3Credentials) =>
  new SignatureV4({
    service: 's3',
    region: REGION,
    credentials,
    sha256: Hash.bind(null, 'sha256'),
    uriEscapePath: false,
  });

interface Signable {
  method: string;
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
}

const withQuery = (path: string, query: Record<string, string | string[] | null> = {}) => {
  const text = new URLSearchParams(
    Object.entries(query).flatMap(([k, v]) => [v ?? ''].flat().map((one) => [k, one])),
  ).toString();
  return text ? `${path}?${text}` : path;
};

/** Signs in the Authorization header with @smithy/signature-v4, as the SDK does. */
async function signHeader(
  endpoint: string,
  credentials: S3Credentials,
  { method, path, query = {}, headers = {}, body = '' }: Signable,
  signingDate = new Date(),
) {
  const host = new URL(endpoint).host;
  const signed = await signerFor(credentials).sign(
    {
      method,
      protocol: 'http:',
      hostname: host,
      path,
      query,
      headers: { host, 'x-amz-content-sha256': sha256(body), ...headers },
    },
    { signingDate },
  );
  return { path: withQuery(path, query), headers: signed.headers, body };
}

/** A presigned URL (path and query) made with @smithy/signature-v4. */
async function presign(
  endpoint: string,
  credentials: S3Credentials,
  { method, path }: Signable,
  signingDate: Date,
  expiresIn: number,
) {
  const host = new URL(endpoint).host;
  const signed = await signerFor(credentials).presign(
    {
      method,
      protocol: 'http:',
      hostname: host,
      path,
      headers: { host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
    },
    { signingDate, expiresIn, unhoistableHeaders: new Set(['x-amz-content-sha256']) },
  );
  return withQuery(path, signed.query);
}

const codeOf = (answer: Answer) => /<Code>([^<]+)<\/Code>/.exec(answer.body)?.[1];

/** The SDK call's refusal: status and S3 error code. */
async function refusal(call: Promise<unknown>): Promise<{ status?: number; code: string }> {
  const error = (await call.then(
    () => ({ name: 'none (it succeeded)' }),
    (e: unknown) => e,
  )) as { name: string; $metadata?: { httpStatusCode?: number } };
  return { status: error.$metadata?.httpStatusCode, code: error.name };
}

describe('the local S3 endpoint authenticates every request as S3 does', () => {
  let dir: string;
  let emulator: S3Emulator;
  let good: S3Client;
  let handlerClient: S3Client;
  let wrongSecret: S3Client;
  let unknownKey: S3Client;
  let endpoint: string;
  let credentials: S3Credentials;

  /** The stored object's text, read with a good signature; undefined when there is none. */
  const stored = async (key: string) =>
    good.send(new GetObjectCommand({ Bucket: BUCKET, Key: key })).then(
      (object) => object.Body!.transformToString(),
      (error: { name: string }) => {
        if (error.name === 'NoSuchKey') return undefined;
        throw error;
      },
    );
  const put = (key: string, body: string) =>
    good.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'darkroom-s3-auth-'));
    credentials = await folderS3Credentials(join(dir, 's3-credentials.json'));
    emulator = await startS3Emulator({
      host: '127.0.0.1',
      port: 0,
      directory: join(dir, 's3'),
      region: REGION,
      buckets: [BUCKET],
      credentials,
      onObjectCreated: () => undefined,
    });
    endpoint = emulator.endpoint;
    good = clientOf(endpoint, credentials);
    handlerClient = clientOf(endpoint, credentials, true);
    wrongSecret = clientOf(endpoint, { ...credentials, secretAccessKey: 'x'.repeat(40) });
    unknownKey = clientOf(endpoint, freshS3Credentials());
  });

  afterAll(async () => {
    for (const client of [good, handlerClient, wrongSecret, unknownKey]) client?.destroy();
    await emulator?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('GET: a signed read works; unsigned, wrongly signed, made-up or tampered ones are refused', async () => {
    await put('get/a.txt', 'original');
    await put('get/b.txt', 'other');
    expect(await stored('get/a.txt')).toBe('original');

    const unsigned = await send(endpoint, 'GET', `/${BUCKET}/get/a.txt`);
    expect([unsigned.status, codeOf(unsigned)]).toEqual([403, 'AccessDenied']);
    expect(
      await refusal(wrongSecret.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'get/a.txt' }))),
    ).toEqual({ status: 403, code: 'SignatureDoesNotMatch' });
    expect(
      await refusal(unknownKey.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'get/a.txt' }))),
    ).toEqual({ status: 403, code: 'InvalidAccessKeyId' });

    // Finding 3: any well-formed header with the real key id and a made-up signature.
    const now = new Date().toISOString().replace(/[-:]|\.\d+/g, '');
    const madeUp = await send(endpoint, 'GET', `/${BUCKET}/get/a.txt`, {
      'x-amz-date': now,
      'x-amz-content-sha256': sha256(''),
      authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${now.slice(0, 8)}/${REGION}/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=${'0'.repeat(64)}`,
    });
    expect([madeUp.status, codeOf(madeUp)]).toEqual([403, 'SignatureDoesNotMatch']);

    // Signed for one key, sent for another.
    const forA = await signHeader(endpoint, credentials, {
      method: 'GET',
      path: `/${BUCKET}/get/a.txt`,
    });
    const toB = await send(endpoint, 'GET', `/${BUCKET}/get/b.txt`, forA.headers);
    expect([toB.status, codeOf(toB)]).toEqual([403, 'SignatureDoesNotMatch']);
    expect(toB.body).not.toContain('other');
  });

  it('HEAD: a signed HEAD works; unsigned or wrongly signed ones are refused, with no body', async () => {
    await put('head/a.txt', 'original');
    const found = await good.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'head/a.txt' }));
    expect(found.ContentLength).toBe('original'.length);

    const unsigned = await send(endpoint, 'HEAD', `/${BUCKET}/head/a.txt`);
    expect([unsigned.status, unsigned.body]).toEqual([403, '']);
    const wrong = await signHeader(
      endpoint,
      { ...credentials, secretAccessKey: 'x'.repeat(40) },
      {
        method: 'HEAD',
        path: `/${BUCKET}/head/a.txt`,
      },
    );
    const refused = await send(endpoint, 'HEAD', wrong.path, wrong.headers);
    expect([refused.status, refused.body]).toEqual([403, '']);
    expect(
      await refusal(wrongSecret.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'head/a.txt' }))),
    ).toMatchObject({ status: 403 });
  });

  it('PUT: a signed write works; unsigned, wrongly signed or tampered ones change nothing', async () => {
    await put('put/a.txt', 'original');

    const unsigned = await send(endpoint, 'PUT', `/${BUCKET}/put/a.txt`, {}, 'evil');
    expect([unsigned.status, codeOf(unsigned)]).toEqual([403, 'AccessDenied']);
    const intoNew = await send(endpoint, 'PUT', `/${BUCKET}/put/new.txt`, {}, 'evil');
    expect(intoNew.status).toBe(403);
    expect(
      await refusal(
        wrongSecret.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'put/a.txt', Body: 'evil' })),
      ),
    ).toEqual({ status: 403, code: 'SignatureDoesNotMatch' });

    // Signed for another key, or with another content type than the one sent.
    const mine = await signHeader(endpoint, credentials, {
      method: 'PUT',
      path: `/${BUCKET}/put/mine.txt`,
      body: 'evil',
    });
    const moved = await send(endpoint, 'PUT', `/${BUCKET}/put/a.txt`, mine.headers, 'evil');
    expect([moved.status, codeOf(moved)]).toEqual([403, 'SignatureDoesNotMatch']);
    const typed = await signHeader(endpoint, credentials, {
      method: 'PUT',
      path: `/${BUCKET}/put/a.txt`,
      headers: { 'content-type': 'image/png' },
      body: 'evil',
    });
    const retyped = await send(
      endpoint,
      'PUT',
      typed.path,
      { ...typed.headers, 'content-type': 'text/html' },
      'evil',
    );
    expect([retyped.status, codeOf(retyped)]).toEqual([403, 'SignatureDoesNotMatch']);

    expect(await stored('put/a.txt')).toBe('original');
    expect(await stored('put/new.txt')).toBeUndefined();
    expect(await stored('put/mine.txt')).toBeUndefined();
    await put('put/a.txt', 'updated');
    expect(await stored('put/a.txt')).toBe('updated');
  });

  it('POST: a form upload takes a valid policy; other POSTs (DeleteObjects) need a signature', async () => {
    const ticket = (client: S3Client, key: string) =>
      createPresignedPost(client, {
        Bucket: BUCKET,
        Key: key,
        Conditions: [['content-length-range', 1, 1024]],
        Expires: 60,
      });
    const postForm = (fields: Record<string, string>, body = 'posted') => {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.append(name, value);
      form.append('file', new Blob([body]), 'upload');
      return fetch(`${endpoint}/${BUCKET}`, { method: 'POST', body: form });
    };

    const valid = await ticket(good, 'post/a.txt');
    expect((await postForm(valid.fields)).status).toBe(204);
    expect(await stored('post/a.txt')).toBe('posted');

    const bare = await postForm({ key: 'post/bare.txt' });
    expect(bare.status).toBe(403);
    expect(await bare.text()).toContain('<Code>AccessDenied</Code>');
    const wrong = await postForm((await ticket(wrongSecret, 'post/wrong.txt')).fields);
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
    const s3rverPair = clientOf(endpoint, S3RVER_PAIR);
    const publicPair = await postForm((await ticket(s3rverPair, 'post/public.txt')).fields);
    s3rverPair.destroy();
    expect(publicPair.status).toBe(403);
    expect(await publicPair.text()).toContain('<Code>InvalidAccessKeyId</Code>');
    for (const key of ['post/bare.txt', 'post/wrong.txt', 'post/public.txt']) {
      expect(await stored(key)).toBeUndefined();
    }

    const deletion = `<Delete><Object><Key>post/a.txt</Key></Object></Delete>`;
    const unsigned = await send(
      endpoint,
      'POST',
      `/${BUCKET}?delete`,
      { 'content-type': 'application/xml' },
      deletion,
    );
    expect([unsigned.status, codeOf(unsigned)]).toEqual([403, 'AccessDenied']);
    expect(
      await refusal(
        wrongSecret.send(
          new DeleteObjectsCommand({
            Bucket: BUCKET,
            Delete: { Objects: [{ Key: 'post/a.txt' }] },
          }),
        ),
      ),
    ).toEqual({ status: 403, code: 'SignatureDoesNotMatch' });
    expect(await stored('post/a.txt')).toBe('posted');
  });

  it('DELETE: a signed delete works; unsigned or wrongly signed ones leave the object', async () => {
    await put('delete/a.txt', 'original');
    const unsigned = await send(endpoint, 'DELETE', `/${BUCKET}/delete/a.txt`);
    expect([unsigned.status, codeOf(unsigned)]).toEqual([403, 'AccessDenied']);
    expect(
      await refusal(
        wrongSecret.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'delete/a.txt' })),
      ),
    ).toEqual({ status: 403, code: 'SignatureDoesNotMatch' });
    expect(await stored('delete/a.txt')).toBe('original');

    await good.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'delete/a.txt' }));
    expect(await stored('delete/a.txt')).toBeUndefined();
  });

  it('ListObjectsV2: a signed listing works; unsigned, wrongly signed or made-up ones list nothing', async () => {
    await put('list/secret-name.txt', 'x');
    const listed = await good.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'list/' }));
    expect(listed.Contents?.map((o) => o.Key)).toEqual(['list/secret-name.txt']);

    const unsigned = await send(endpoint, 'GET', `/${BUCKET}?list-type=2&prefix=list%2F`);
    expect([unsigned.status, codeOf(unsigned)]).toEqual([403, 'AccessDenied']);
    expect(unsigned.body).not.toContain('secret-name');
    const buckets = await send(endpoint, 'GET', '/');
    expect([buckets.status, codeOf(buckets)]).toEqual([403, 'AccessDenied']);
    expect(
      await refusal(
        wrongSecret.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'list/' })),
      ),
    ).toEqual({ status: 403, code: 'SignatureDoesNotMatch' });

    const now = new Date().toISOString().replace(/[-:]|\.\d+/g, '');
    const madeUp = await send(endpoint, 'GET', `/${BUCKET}?list-type=2`, {
      'x-amz-date': now,
      'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
      authorization: `AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/${now.slice(0, 8)}/${REGION}/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=${'f'.repeat(64)}`,
    });
    expect([madeUp.status, codeOf(madeUp)]).toEqual([403, 'InvalidAccessKeyId']);
    expect(madeUp.body).not.toContain('secret-name');
  });

  it('a multipart upload: signed steps work; unsigned or wrongly signed steps change nothing', async () => {
    const key = 'multipart/a.bin';
    const unsignedCreate = await send(endpoint, 'POST', `/${BUCKET}/${key}?uploads`);
    expect([unsignedCreate.status, codeOf(unsignedCreate)]).toEqual([403, 'AccessDenied']);

    const { UploadId } = await good.send(
      new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key }),
    );
    const part = (n: number, body: string, client = good) =>
      client.send(
        new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId, PartNumber: n, Body: body }),
      );
    const first = await part(1, 'aaa');

    const partPath = `/${BUCKET}/${key}?partNumber=2&uploadId=${UploadId}`;
    const unsignedPart = await send(endpoint, 'PUT', partPath, {}, 'EVIL');
    expect([unsignedPart.status, codeOf(unsignedPart)]).toEqual([403, 'AccessDenied']);
    expect(await refusal(part(2, 'EVIL', wrongSecret))).toEqual({
      status: 403,
      code: 'SignatureDoesNotMatch',
    });

    const completion = `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>${first.ETag}</ETag></Part></CompleteMultipartUpload>`;
    const unsignedComplete = await send(
      endpoint,
      'POST',
      `/${BUCKET}/${key}?uploadId=${UploadId}`,
      { 'content-type': 'application/xml' },
      completion,
    );
    expect([unsignedComplete.status, codeOf(unsignedComplete)]).toEqual([403, 'AccessDenied']);
    const complete = (client: S3Client, parts: { ETag?: string }[]) =>
      client.send(
        new CompleteMultipartUploadCommand({
          Bucket: BUCKET,
          Key: key,
          UploadId,
          MultipartUpload: { Parts: parts.map((p, i) => ({ PartNumber: i + 1, ETag: p.ETag })) },
        }),
      );
    expect(await refusal(complete(wrongSecret, [first]))).toEqual({
      status: 403,
      code: 'SignatureDoesNotMatch',
    });
    expect(await stored(key)).toBeUndefined();

    const second = await part(2, 'bbb');
    await complete(good, [first, second]);
    expect(await stored(key)).toBe('aaabbb');
  });

  it('a header signature over 15 minutes old is too skewed, and re-dating it breaks the signature', async () => {
    const old = new Date(Date.now() - 20 * MINUTE);
    const skewed = await signHeader(
      endpoint,
      credentials,
      { method: 'PUT', path: `/${BUCKET}/time/a.txt`, body: 'late' },
      old,
    );
    const late = await send(endpoint, 'PUT', skewed.path, skewed.headers, 'late');
    expect([late.status, codeOf(late)]).toEqual([403, 'RequestTimeTooSkewed']);

    // A captured request replayed with a fresh X-Amz-Date: the signature no longer covers it.
    const now = new Date().toISOString().replace(/[-:]|\.\d+/g, '');
    const redated = await send(
      endpoint,
      'PUT',
      skewed.path,
      { ...skewed.headers, 'x-amz-date': now },
      'late',
    );
    expect([redated.status, codeOf(redated)]).toEqual([403, 'SignatureDoesNotMatch']);
    expect(await stored('time/a.txt')).toBeUndefined();

    const within = await signHeader(
      endpoint,
      credentials,
      { method: 'PUT', path: `/${BUCKET}/time/a.txt`, body: 'fine' },
      new Date(Date.now() - 10 * MINUTE),
    );
    expect((await send(endpoint, 'PUT', within.path, within.headers, 'fine')).status).toBe(200);
    expect(await stored('time/a.txt')).toBe('fine');
  });

  it('a presigned URL works until it expires; extending it or using it for another verb breaks it', async () => {
    const url = new URL(
      await getSignedUrl(good, new PutObjectCommand({ Bucket: BUCKET, Key: 'presigned/a.txt' }), {
        expiresIn: 60,
      }),
    );
    expect(
      (await send(endpoint, 'PUT', `${url.pathname}${url.search}`, {}, 'via url')).status,
    ).toBe(200);
    expect(await stored('presigned/a.txt')).toBe('via url');

    const twoHoursAgo = new Date(Date.now() - 120 * MINUTE);
    const expiredGet = await presign(
      endpoint,
      credentials,
      { method: 'GET', path: `/${BUCKET}/presigned/a.txt` },
      twoHoursAgo,
      3600,
    );
    const read = await send(endpoint, 'GET', expiredGet);
    expect([read.status, codeOf(read)]).toEqual([403, 'AccessDenied']);
    expect(read.body).toContain('expired');

    const expiredPut = await presign(
      endpoint,
      credentials,
      { method: 'PUT', path: `/${BUCKET}/presigned/a.txt` },
      twoHoursAgo,
      3600,
    );
    expect((await send(endpoint, 'PUT', expiredPut, {}, 'late')).status).toBe(403);
    const extended = expiredPut.replace('X-Amz-Expires=3600', 'X-Amz-Expires=604800');
    const stretched = await send(endpoint, 'PUT', extended, {}, 'late');
    expect([stretched.status, codeOf(stretched)]).toEqual([403, 'SignatureDoesNotMatch']);

    const getUrl = await presign(
      endpoint,
      credentials,
      { method: 'GET', path: `/${BUCKET}/presigned/a.txt` },
      new Date(),
      60,
    );
    expect((await send(endpoint, 'GET', getUrl)).body).toBe('via url');
    const asDelete = await send(endpoint, 'DELETE', getUrl);
    expect([asDelete.status, codeOf(asDelete)]).toEqual([403, 'SignatureDoesNotMatch']);
    expect(await stored('presigned/a.txt')).toBe('via url');
  });

  it('honours x-amz-content-sha256: a mismatch is refused and not stored; unsigned and streaming bodies pass', async () => {
    await put('payload/a.txt', 'original');
    for (const key of ['payload/a.txt', 'payload/new.txt']) {
      const signed = await signHeader(endpoint, credentials, {
        method: 'PUT',
        path: `/${BUCKET}/${key}`,
        body: 'declared',
      });
      const swapped = await send(endpoint, 'PUT', signed.path, signed.headers, 'tampered');
      expect([swapped.status, codeOf(swapped)]).toEqual([400, 'XAmzContentSHA256Mismatch']);
    }
    expect(await stored('payload/a.txt')).toBe('original');
    expect(await stored('payload/new.txt')).toBeUndefined();
    const nonsense = await signHeader(endpoint, credentials, {
      method: 'PUT',
      path: `/${BUCKET}/payload/new.txt`,
      headers: { 'x-amz-content-sha256': 'nonsense' },
    });
    expect((await send(endpoint, 'PUT', nonsense.path, nonsense.headers, 'x')).status).toBe(400);

    // The handlers' clients send a stream as UNSIGNED-PAYLOAD, the tests' (flexible checksums on)
    // as aws-chunked with STREAMING-UNSIGNED-PAYLOAD-TRAILER; a signed-chunk seed is taken too.
    const stream = () => Readable.from([Buffer.from('streamed')]);
    await handlerClient.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'payload/unsigned.txt',
        Body: stream(),
        ContentLength: 8,
      }),
    );
    expect(await stored('payload/unsigned.txt')).toBe('streamed');
    const chunked = await good.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'payload/chunked.txt',
        Body: stream(),
        ContentLength: 8,
      }),
    );
    expect(chunked.$metadata.httpStatusCode).toBe(200);
    const seed = await signHeader(endpoint, credentials, {
      method: 'PUT',
      path: `/${BUCKET}/payload/seed.txt`,
      headers: { 'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD' },
    });
    expect((await send(endpoint, 'PUT', seed.path, seed.headers, '')).status).toBe(200);
  });

  it("accepts only the data folder's own random pair: kept 0600, the same after a restart", async () => {
    const file = join(dir, 's3-credentials.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(credentials.accessKeyId).not.toBe(S3RVER_PAIR.accessKeyId);
    // (SDK clients note where credentials came from on the object they are given: compare the pair.)
    const { accessKeyId, secretAccessKey } = credentials;
    expect(await folderS3Credentials(file)).toEqual({ accessKeyId, secretAccessKey });
    const s3rverPair = clientOf(endpoint, S3RVER_PAIR);
    expect(await refusal(s3rverPair.send(new ListObjectsV2Command({ Bucket: BUCKET })))).toEqual({
      status: 403,
      code: 'InvalidAccessKeyId',
    });
    s3rverPair.destroy();

    // Another folder, another pair: what one stack signs, another does not take.
    const other = await folderS3Credentials(join(dir, 'elsewhere', 's3-credentials.json'));
    expect(other.accessKeyId).not.toBe(credentials.accessKeyId);
    expect(other.secretAccessKey).not.toBe(credentials.secretAccessKey);

    // Restarted on the same folder, the endpoint takes the same pair and has the same objects.
    await put('restart/a.txt', 'kept');
    await emulator.close();
    emulator = await startS3Emulator({
      host: '127.0.0.1',
      port: Number(new URL(endpoint).port),
      directory: join(dir, 's3'),
      region: REGION,
      buckets: [BUCKET],
      credentials: await folderS3Credentials(file),
      onObjectCreated: () => undefined,
    });
    expect(await stored('restart/a.txt')).toBe('kept');
  });
});

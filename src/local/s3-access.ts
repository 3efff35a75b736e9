import type { AccessRequest } from './iam-policy.js';

/**
 * What IAM authorises for an S3 request (path-style, as the local endpoint takes them): the
 * actions and resources of S3's "actions, resources and condition keys" table for the operations
 * Darkroom and its tools make. An operation not listed maps to an action no policy grants, so a
 * function that starts using one is refused locally until this table (and its policy) says so.
 */
export interface S3Access {
  requests: AccessRequest[];
  /**
   * Objects the request reads: S3 answers a missing one with 404 only when the caller may also
   * list the bucket (s3:ListBucket), else with 403, so as not to say which keys exist.
   */
  reads: { bucket: string; key: string }[];
}

const bucketArn = (bucket: string) => `arn:aws:s3:::${bucket}`;
const objectArn = (bucket: string, key: string) => `arn:aws:s3:::${bucket}/${key}`;

/** Bucket subresources Darkroom's setup uses, by method: their IAM action. */
const BUCKET_SUBRESOURCES: Record<string, Record<string, string>> = {
  GET: {
    cors: 's3:GetBucketCORS',
    location: 's3:GetBucketLocation',
    versioning: 's3:GetBucketVersioning',
    versions: 's3:ListBucketVersions',
    uploads: 's3:ListBucketMultipartUploads',
  },
  PUT: { cors: 's3:PutBucketCORS', versioning: 's3:PutBucketVersioning' },
  DELETE: { cors: 's3:PutBucketCORS' },
};

/** `/bucket/key?query` → bucket, key (decoded) and the query. */
export function s3Target(url: string): { bucket?: string; key?: string; query: URLSearchParams } {
  const parsed = new URL(url, 'http://local');
  const [bucket, ...rest] = parsed.pathname.replace(/^\//, '').split('/');
  const key = rest.length ? decodeURIComponent(rest.join('/')) : undefined;
  return {
    ...(bucket ? { bucket: decodeURIComponent(bucket) } : {}),
    ...(key ? { key } : {}),
    query: parsed.searchParams,
  };
}

/** DeleteObjects names its keys in the body: `<Object><Key>…</Key></Object>`. */
export function deleteObjectsKeys(body: Buffer): string[] {
  const unescape = (text: string) =>
    text
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
      .replace(/&amp;/g, '&');
  return [...body.toString('utf8').matchAll(/<Key>([\s\S]*?)<\/Key>/g)].map((m) => unescape(m[1]!));
}

const unmodelled = (what: string): AccessRequest => ({
  action: `s3:Unmodelled(${what})`,
  resource: '*',
});

/**
 * The authorisations S3 makes for one request. `body` is the request's body where the front has
 * read it (DeleteObjects: its keys are the resources).
 */
export function s3Access(
  method: string,
  url: string,
  headers: Record<string, string | string[] | undefined>,
  body?: Buffer,
): S3Access {
  const { bucket, key, query } = s3Target(url);
  const sub = [...query.keys()].find(
    // x-id: the SDK's name of the operation, for logs; not a subresource.
    (name) => name !== 'x-id' && !name.startsWith('X-Amz-') && !name.startsWith('x-amz-'),
  );
  if (!bucket) {
    return {
      requests: [
        method === 'GET' ? { action: 's3:ListAllMyBuckets', resource: '*' } : unmodelled(method),
      ],
      reads: [],
    };
  }
  if (key === undefined) {
    if (method === 'POST' && query.has('delete')) {
      const keys = body ? deleteObjectsKeys(body) : [];
      // Without the body, no key can be authorised: refused, as nothing says what it deletes.
      return {
        requests: keys.length
          ? keys.map((k) => ({ action: 's3:DeleteObject', resource: objectArn(bucket, k) }))
          : [unmodelled('DeleteObjects without a readable body')],
        reads: [],
      };
    }
    const isList =
      (method === 'GET' &&
        (!sub ||
          [
            'list-type',
            'prefix',
            'delimiter',
            'max-keys',
            'continuation-token',
            'start-after',
            'marker',
            'encoding-type',
          ].includes(sub))) ||
      method === 'HEAD';
    if (isList) {
      const prefix = query.get('prefix');
      return {
        requests: [
          {
            action: 's3:ListBucket',
            resource: bucketArn(bucket),
            ...(prefix !== null && method === 'GET' ? { context: { 's3:prefix': [prefix] } } : {}),
          },
        ],
        reads: [],
      };
    }
    if (method === 'PUT' && !sub) {
      return { requests: [{ action: 's3:CreateBucket', resource: bucketArn(bucket) }], reads: [] };
    }
    const action = sub ? BUCKET_SUBRESOURCES[method]?.[sub] : undefined;
    return {
      requests: [
        action
          ? { action, resource: bucketArn(bucket) }
          : unmodelled(`${method} bucket ?${sub ?? ''}`),
      ],
      reads: [],
    };
  }

  const target = objectArn(bucket, key);
  const versioned = query.has('versionId');
  if (method === 'GET' || method === 'HEAD') {
    if (sub && sub !== 'versionId' && !sub.startsWith('response-') && sub !== 'partNumber') {
      return { requests: [unmodelled(`${method} object ?${sub}`)], reads: [] };
    }
    return {
      requests: [{ action: versioned ? 's3:GetObjectVersion' : 's3:GetObject', resource: target }],
      reads: [{ bucket, key }],
    };
  }
  if (method === 'PUT') {
    const copySource = headers['x-amz-copy-source'];
    const requests: AccessRequest[] = [{ action: 's3:PutObject', resource: target }];
    const reads: S3Access['reads'] = [];
    if (typeof copySource === 'string') {
      // `bucket/key[?versionId=…]`, URL-encoded.
      const source = new URL(`http://local/${copySource.replace(/^\//, '')}`);
      const [sourceBucket, ...sourceKey] = source.pathname.slice(1).split('/');
      const from = {
        bucket: decodeURIComponent(sourceBucket!),
        key: decodeURIComponent(sourceKey.join('/')),
      };
      requests.push({
        action: source.searchParams.has('versionId') ? 's3:GetObjectVersion' : 's3:GetObject',
        resource: objectArn(from.bucket, from.key),
      });
      reads.push(from);
    }
    return { requests, reads };
  }
  if (method === 'POST' && (query.has('uploads') || query.has('uploadId'))) {
    return { requests: [{ action: 's3:PutObject', resource: target }], reads: [] };
  }
  if (method === 'DELETE') {
    const action = query.has('uploadId')
      ? 's3:AbortMultipartUpload'
      : versioned
        ? 's3:DeleteObjectVersion'
        : 's3:DeleteObject';
    return { requests: [{ action, resource: target }], reads: [] };
  }
  return { requests: [unmodelled(`${method} object`)], reads: [] };
}

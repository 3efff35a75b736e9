import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TABLE_KEYS } from '../table/layout.js';
import { dynamodbAccess, type KeySchema } from './dynamodb-access.js';
import type { LocalAccess } from './iam-policy.js';
import type { S3Credentials } from './s3-credentials.js';
import { S3Error } from './s3-errors.js';
import { readBody } from './s3-payload.js';
import { closeServer } from './s3-emulator.js';
import { SigV4Verifier } from './s3-sigv4.js';

/**
 * DynamoDB Local checks no signature and no permission: it only reads the access key id, to pick
 * a database. This front, on loopback before it, does what DynamoDB does: verifies each request's
 * Signature Version 4 against the key pairs it knows, authorises it against its signer's policy
 * (dynamodb-access.ts), answers DynamoDB's own errors, and forwards what passes with the data
 * folder's key id, so every function reads and writes the one database.
 */
export interface DynamoFront {
  endpoint: string;
  close(): Promise<void>;
}

export interface DynamoFrontOptions {
  host: string;
  /** Where DynamoDB Local listens. */
  upstream: string;
  region: string;
  /** The data folder's pair: allowed everything, and the key id forwarded for every caller. */
  credentials: S3Credentials;
  /** Each function's pair and policy; without it, only `credentials` is accepted. */
  principals?: { keys: S3Credentials[]; access: LocalAccess };
  /** The tables' partition keys (the one table's layout unless told). */
  keys?: KeySchema;
}

/** Darkroom's table: its partition key, and each index's. */
const TABLE_SCHEMA: KeySchema = {
  table: TABLE_KEYS.partitionKey,
  indexes: {
    [TABLE_KEYS.ownerIndex.name]: TABLE_KEYS.ownerIndex.partitionKey,
    [TABLE_KEYS.leaseIndex.name]: TABLE_KEYS.leaseIndex.partitionKey,
    [TABLE_KEYS.reviewIndex.name]: TABLE_KEYS.reviewIndex.partitionKey,
    [TABLE_KEYS.reviewDueIndex.name]: TABLE_KEYS.reviewDueIndex.partitionKey,
  },
};

/** DynamoDB's body size limit for a request (16 MB for BatchWriteItem, far above any item). */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** DynamoDB answers its errors as JSON with the exception's name in `__type`. */
function sendError(res: ServerResponse, type: string, message: string, status = 400): void {
  const body = JSON.stringify({ __type: `com.amazon.coral.service#${type}`, Message: message });
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.0',
    'x-amzn-errortype': type,
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** The verifier speaks S3's error codes: DynamoDB's names for the same refusals. */
function authError(error: unknown): [string, string] {
  if (!(error instanceof S3Error)) return ['InternalFailure', String(error)];
  switch (error.code) {
    case 'InvalidAccessKeyId':
      return [
        'UnrecognizedClientException',
        'The security token included in the request is invalid.',
      ];
    case 'SignatureDoesNotMatch':
      return [
        'InvalidSignatureException',
        'The request signature we calculated does not match the signature you provided.',
      ];
    case 'RequestTimeTooSkewed':
      return ['InvalidSignatureException', `Signature expired: ${error.message}`];
    default:
      return ['IncompleteSignatureException', error.message];
  }
}

export async function startDynamoFront(options: DynamoFrontOptions): Promise<DynamoFront> {
  const verifier = new SigV4Verifier(
    [options.credentials, ...(options.principals?.keys ?? [])],
    options.region,
    undefined,
    'dynamodb',
  );
  const access = options.principals?.access;
  const arnPrefix = `arn:aws:dynamodb:${options.region}:000000000000`;
  const upstream = new URL(options.upstream);

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req, MAX_BODY_BYTES, () => new Error('request body over 16 MB'));
    if (req.headers.authorization === undefined) {
      return sendError(
        res,
        'MissingAuthenticationTokenException',
        'Request is missing Authentication Token',
      );
    }
    let accessKeyId: string;
    try {
      ({ accessKeyId } = await verifier.verifyHeader(
        { method: req.method ?? 'POST', url: req.url ?? '/', headers: req.headers },
        body,
      ));
    } catch (error) {
      const [type, message] = authError(error);
      return sendError(res, type, message);
    }
    if (access && accessKeyId !== options.credentials.accessKeyId) {
      let parsed: Record<string, unknown>;
      try {
        parsed = JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>;
      } catch {
        return sendError(res, 'SerializationException', 'The request body is not JSON.');
      }
      const target = String(req.headers['x-amz-target'] ?? '');
      for (const wanted of dynamodbAccess(
        target,
        parsed,
        arnPrefix,
        options.keys ?? TABLE_SCHEMA,
      )) {
        if (!access.allows(accessKeyId, wanted)) {
          return sendError(res, 'AccessDeniedException', access.denial(accessKeyId, wanted));
        }
      }
    }
    // DynamoDB Local keeps a database per key id: every caller is forwarded as the folder's.
    const headers = { ...req.headers };
    headers.authorization = String(headers.authorization).replace(
      /Credential=[^/]+\//,
      `Credential=${options.credentials.accessKeyId}/`,
    );
    headers.host = upstream.host;
    await new Promise<void>((done, fail) => {
      const forwarded = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 500, answer.headers);
          answer.pipe(res);
          answer.on('end', done);
          answer.on('error', fail);
        },
      );
      forwarded.on('error', fail);
      forwarded.end(body);
    });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      sendError(res, 'InternalFailure', (error as Error).message, 500);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, options.host, resolve));
  const { port } = server.address() as AddressInfo;
  return { endpoint: `http://${options.host}:${port}`, close: () => closeServer(server) };
}

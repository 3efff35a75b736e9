import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { Hash } from '@smithy/core/serde';
import { SignatureV4 } from '@smithy/signature-v4';
import type { S3Credentials } from './s3-credentials.js';
import { accessDenied, S3Error, signatureMismatch } from './s3-errors.js';

/**
 * Verifies Signature Version 4 requests the way S3 does, with the SDK's own signer
 * (@smithy/signature-v4): the request is rebuilt from what was received (method, path as sent,
 * query, only the headers the client says it signed), signed again at the client's X-Amz-Date,
 * and the two signatures compared in constant time. Nothing here canonicalises by hand.
 */

/** The request as received: method, path and query as sent, headers as Node parsed them. */
export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

/** Who signed a verified request, and what it declared about its body (x-amz-content-sha256). */
export interface Verified {
  accessKeyId: string;
  payloadHash: string;
}

type SignableRequest = Parameters<SignatureV4['presign']>[0];

/** S3's allowed clock skew for header-signed requests. */
export const MAX_SKEW_MS = 15 * 60 * 1000;
/** S3's longest presigned URL: a week. */
const MAX_EXPIRES_SECONDS = 7 * 24 * 60 * 60;

/** Whether two signatures (hex) are the same, in time that does not depend on where they differ. */
export function sameSignature(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** X-Amz-Date (20261125T101500Z), or a credential's day (20261125), as a Date. */
export function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z)?$/.exec(value);
  if (!m) return undefined;
  const date = new Date(
    Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)),
  );
  return Number.isNaN(date.getTime()) ? undefined : date;
}

const headerValue = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
};

export class SigV4Verifier {
  /** A signer per key pair the endpoint accepts, by access key id. */
  private readonly signers = new Map<string, SignatureV4>();

  constructor(
    credentials: S3Credentials | readonly S3Credentials[],
    private readonly region: string,
    private readonly now: () => Date = () => new Date(),
    private readonly service = 's3',
  ) {
    const pairs: readonly S3Credentials[] = Array.isArray(credentials)
      ? credentials
      : [credentials as S3Credentials];
    for (const pair of pairs) {
      this.signers.set(
        pair.accessKeyId,
        new SignatureV4({
          service,
          region,
          credentials: pair,
          // The SDK's own SHA-256 for Node, as the S3 client's runtime config binds it.
          sha256: Hash.bind(null, 'sha256'),
          // As the S3 client signs: the path as sent (no second encoding), the payload hash as
          // declared. Other services' paths are escaped once more, as their clients sign them.
          uriEscapePath: service !== 's3',
          applyChecksum: false,
        }),
      );
    }
  }

  private signer(accessKeyId: string): SignatureV4 {
    return this.signers.get(accessKeyId)!;
  }

  /**
   * The day of an `X-Amz-Credential` (key/day/region/s3/aws4_request), refused unless it names
   * one of this endpoint's keys, its region and service. `malformed` is the code S3 uses for where
   * it came from.
   */
  credentialDay(credential: string, malformed: S3Error): { day: string; accessKeyId: string } {
    const [accessKeyId, day, region, service, terminator, ...rest] = credential.split('/');
    if (!accessKeyId || !this.signers.has(accessKeyId)) {
      throw new S3Error(
        403,
        'InvalidAccessKeyId',
        'The AWS Access Key Id you provided does not exist in our records.',
      );
    }
    if (
      !day ||
      !parseAmzDate(day) ||
      service !== this.service ||
      terminator !== 'aws4_request' ||
      rest.length
    ) {
      throw malformed;
    }
    if (region !== this.region) {
      throw new S3Error(
        malformed.status,
        malformed.code,
        `the region '${region}' is wrong; expecting '${this.region}'`,
      );
    }
    return { day, accessKeyId };
  }

  /** The hex HMAC S3 expects over a POST policy (base64), for the credential's key and day. */
  signPolicy(encodedPolicy: string, day: string, accessKeyId: string): Promise<string> {
    return this.signer(accessKeyId).sign(encodedPolicy, {
      signingDate: parseAmzDate(day)!,
      signingRegion: this.region,
    });
  }

  /** A request signed in the Authorization header (`body`: its bytes, for services but S3). */
  async verifyHeader(req: ReceivedRequest, body?: Buffer): Promise<Verified> {
    const malformed = new S3Error(
      400,
      'AuthorizationHeaderMalformed',
      'The authorization header is malformed; it requires Credential, SignedHeaders and Signature.',
    );
    const { credential, signedHeaders, signature } = parseAuthorization(
      headerValue(req.headers, 'authorization') ?? '',
      malformed,
    );
    const { day, accessKeyId } = this.credentialDay(credential, malformed);
    const amzDate = headerValue(req.headers, 'x-amz-date') ?? '';
    const signedAt = parseAmzDate(amzDate);
    if (!signedAt || amzDate.length !== 16) {
      throw accessDenied('AWS authentication requires a valid Date or x-amz-date header');
    }
    if (Math.abs(this.now().getTime() - signedAt.getTime()) > MAX_SKEW_MS) {
      throw new S3Error(
        403,
        'RequestTimeTooSkewed',
        'The difference between the request time and the current time is too large.',
      );
    }
    if (!amzDate.startsWith(day)) {
      throw new S3Error(
        malformed.status,
        malformed.code,
        'Invalid credential date. Date is not the same as X-Amz-Date.',
      );
    }
    const payloadHash = headerValue(req.headers, 'x-amz-content-sha256');
    // Only S3 requires the header; other services' signers hash the body they are given.
    if (payloadHash === undefined && this.service === 's3') {
      throw new S3Error(
        400,
        'InvalidRequest',
        'Missing required header for this request: x-amz-content-sha256',
      );
    }
    requireSigned(req.headers, signedHeaders);

    const signed = await this.signer(accessKeyId).sign(rebuild(req, signedHeaders, body), {
      signingDate: signedAt,
      // Headers the signer would leave out by default (user-agent…) are in if the client signed them.
      signableHeaders: new Set(signedHeaders),
    });
    const expected = /Signature=([0-9a-f]{64})$/.exec(String(signed.headers.authorization))?.[1];
    if (!expected || !sameSignature(signature, expected)) throw signatureMismatch();
    return { accessKeyId, payloadHash: payloadHash ?? 'UNSIGNED-PAYLOAD' };
  }

  /** A presigned request: Signature Version 4 in the query string. */
  async verifyQuery(req: ReceivedRequest): Promise<Verified> {
    const malformed = new S3Error(
      400,
      'AuthorizationQueryParametersError',
      'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
    );
    const query = queryOf(req.url);
    const param = (name: string) => {
      const value = query[name];
      if (typeof value !== 'string' || !value) throw malformed;
      return value;
    };
    if (param('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') {
      throw new S3Error(
        400,
        'AuthorizationQueryParametersError',
        'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"',
      );
    }
    const signature = param('X-Amz-Signature');
    const { day, accessKeyId } = this.credentialDay(param('X-Amz-Credential'), malformed);
    const amzDate = param('X-Amz-Date');
    const signedAt = parseAmzDate(amzDate);
    const expires = Number(param('X-Amz-Expires'));
    if (!signedAt || amzDate.length !== 16 || !amzDate.startsWith(day)) throw malformed;
    if (!Number.isInteger(expires) || expires < 0 || expires > MAX_EXPIRES_SECONDS) {
      throw new S3Error(
        400,
        'AuthorizationQueryParametersError',
        'X-Amz-Expires must be a number of seconds from 0 to 604800 (a week)',
      );
    }
    const now = this.now().getTime();
    if (now > signedAt.getTime() + expires * 1000) throw accessDenied('Request has expired');
    if (signedAt.getTime() - now > MAX_SKEW_MS) throw accessDenied('Request is not yet valid');
    const signedHeaders = param('X-Amz-SignedHeaders').split(';');
    requireSigned(req.headers, signedHeaders);

    // A presigned request's body is unsigned unless the URL (or a signed header) says otherwise.
    const declared = signedHeaders.includes('x-amz-content-sha256')
      ? headerValue(req.headers, 'x-amz-content-sha256')
      : query['X-Amz-Content-Sha256'];
    const payloadHash = typeof declared === 'string' ? declared : 'UNSIGNED-PAYLOAD';
    // The signer leaves X-Amz-Signature out of the canonical query and writes its own.
    const request = rebuild(req, signedHeaders);
    request.headers['x-amz-content-sha256'] ??= payloadHash;
    const presigned = await this.signer(accessKeyId).presign(request, {
      signingDate: signedAt,
      expiresIn: expires,
      signableHeaders: new Set(signedHeaders),
      // The declared payload hash is the signer's input, not a header to sign or move.
      unsignableHeaders: new Set(['x-amz-content-sha256']),
      unhoistableHeaders: new Set([...signedHeaders, 'x-amz-content-sha256']),
    });
    const expected = presigned.query?.['X-Amz-Signature'];
    if (typeof expected !== 'string' || !sameSignature(signature, expected)) {
      throw signatureMismatch();
    }
    return { accessKeyId, payloadHash };
  }
}

/** `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` */
function parseAuthorization(
  value: string,
  malformed: S3Error,
): { credential: string; signedHeaders: string[]; signature: string } {
  const [algorithm, ...rest] = value.trim().split(' ');
  if (algorithm !== 'AWS4-HMAC-SHA256') throw malformed;
  const parts = new Map<string, string>();
  for (const component of rest.join('').split(',')) {
    const at = component.indexOf('=');
    if (at < 1 || parts.has(component.slice(0, at))) throw malformed;
    parts.set(component.slice(0, at), component.slice(at + 1));
  }
  const credential = parts.get('Credential');
  const signedHeaders = parts.get('SignedHeaders');
  const signature = parts.get('Signature');
  if (parts.size !== 3 || !credential || !signedHeaders || !signature) throw malformed;
  return { credential, signedHeaders: signedHeaders.split(';'), signature };
}

/** Refuses a request whose signature does not cover its host and every x-amz-* header it carries. */
function requireSigned(headers: IncomingHttpHeaders, signedHeaders: string[]): void {
  const signed = new Set(signedHeaders);
  const unsigned = Object.keys(headers).filter(
    (name) => (name === 'host' || name.startsWith('x-amz-')) && !signed.has(name),
  );
  if (unsigned.length || !signed.has('host')) {
    throw accessDenied(
      `There were headers present in the request which were not signed: ${unsigned.join(', ') || 'host'}`,
    );
  }
}

/** The query as s3rver (Koa, node:querystring) will read it, so what is verified is what is acted on. */
function queryOf(url: string): Record<string, string | string[]> {
  const at = url.indexOf('?');
  const query: Record<string, string | string[]> = {};
  if (at < 0) return query;
  for (const [name, value] of Object.entries(parseQuery(url.slice(at + 1)))) {
    if (value !== undefined) query[name] = value;
  }
  return query;
}

/**
 * The request to sign again: method, path as sent, the query, only the signed headers, and the
 * body where the signer must hash it (no x-amz-content-sha256: services other than S3).
 */
function rebuild(req: ReceivedRequest, signedHeaders: string[], body?: Buffer): SignableRequest {
  const at = req.url.indexOf('?');
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = headerValue(req.headers, name);
    // A header that was signed but is missing changes the signed list, so the signature differs.
    if (value !== undefined) headers[name] = value;
  }
  return {
    method: req.method,
    protocol: 'http:',
    hostname: headers.host ?? '',
    path: at < 0 ? req.url : req.url.slice(0, at),
    query: queryOf(req.url),
    headers,
    ...(body ? { body } : {}),
  };
}

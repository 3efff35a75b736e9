import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Checks a browser-based POST upload the way S3 does (Signature Version 4 POST policy): the
 * signature over the policy, its expiry, and every condition, including the size range. The S3
 * emulator accepts any POST, so the embedded default enforces the ticket's limits here instead.
 */

export class PostPolicyError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PostPolicyError';
  }
}

export interface PolicyCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

type Condition = Record<string, string> | [string, string | number, string | number];

interface Policy {
  expiration: string;
  conditions: Condition[];
}

/** Fields S3 does not require a policy condition for. */
const EXEMPT = new Set(['policy', 'x-amz-signature', 'file']);

const hmac = (key: Buffer | string, data: string) =>
  createHmac('sha256', key).update(data).digest();

export function signingKey(secret: string, date: string, region: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), 's3'), 'aws4_request');
}

const denied = (message: string) => new PostPolicyError(403, 'AccessDenied', message);

/** The day and region of an `X-Amz-Credential` (key/day/region/s3/aws4_request) for `credentials`. */
export function credentialScope(
  credential: string,
  credentials: PolicyCredentials,
): { day: string; region: string } {
  const [accessKeyId, day, region, service, terminator] = credential.split('/');
  if (
    accessKeyId !== credentials.accessKeyId ||
    !day ||
    !region ||
    service !== 's3' ||
    terminator !== 'aws4_request'
  ) {
    throw denied('The AWS Access Key Id you provided does not exist in our records.');
  }
  return { day, region };
}

/** Throws S3's SignatureDoesNotMatch unless `signature` (hex) is the HMAC of `stringToSign`. */
export function checkSignature(signature: string, key: Buffer, stringToSign: string): void {
  const expected = hmac(key, stringToSign);
  const given = Buffer.from(signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new PostPolicyError(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided.',
    );
  }
}

/**
 * Validates the form fields (everything sent before the file) for `bucket`. Returns the accepted
 * byte range, which the caller enforces while the file streams in.
 */
export function verifyPostPolicy(
  bucket: string,
  formFields: Record<string, string>,
  credentials: PolicyCredentials,
  now: Date,
): { minBytes: number; maxBytes: number } {
  // S3 matches form field names case-insensitively.
  const fields = new Map(Object.entries(formFields).map(([k, v]) => [k.toLowerCase(), v]));
  const encoded = fields.get('policy');
  const signature = fields.get('x-amz-signature');
  const credential = fields.get('x-amz-credential');
  if (!encoded || !signature || !credential) {
    throw denied(
      'Bucket POST must contain the fields Policy, X-Amz-Signature and X-Amz-Credential',
    );
  }
  if (fields.get('x-amz-algorithm') !== 'AWS4-HMAC-SHA256') {
    throw denied('X-Amz-Algorithm must be AWS4-HMAC-SHA256');
  }
  const { day, region } = credentialScope(credential, credentials);
  checkSignature(signature, signingKey(credentials.secretAccessKey, day, region), encoded);

  let policy: Policy;
  try {
    policy = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as Policy;
  } catch {
    throw new PostPolicyError(400, 'InvalidPolicyDocument', 'Invalid Policy: not valid JSON.');
  }
  const expiration = Date.parse(policy.expiration);
  if (!Number.isFinite(expiration) || expiration < now.getTime()) {
    throw denied('Invalid according to Policy: Policy expired.');
  }

  const valueOf = (name: string) =>
    name.toLowerCase() === 'bucket' ? bucket : fields.get(name.toLowerCase());
  const covered = new Set<string>();
  let range = { minBytes: 0, maxBytes: Number.MAX_SAFE_INTEGER };
  for (const condition of policy.conditions) {
    if (!Array.isArray(condition)) {
      for (const [name, value] of Object.entries(condition)) {
        covered.add(name.toLowerCase());
        if (valueOf(name) !== value) throw conditionFailed(`["eq", "$${name}", "${value}"]`);
      }
      continue;
    }
    const [operator, target, value] = condition;
    if (operator === 'content-length-range') {
      range = { minBytes: Number(target), maxBytes: Number(value) };
      continue;
    }
    const name = String(target).replace(/^\$/, '');
    covered.add(name.toLowerCase());
    const actual = valueOf(name) ?? '';
    const ok =
      operator.toLowerCase() === 'eq'
        ? actual === value
        : operator.toLowerCase() === 'starts-with' && actual.startsWith(String(value));
    if (!ok) throw conditionFailed(JSON.stringify(condition));
  }
  for (const name of fields.keys()) {
    if (!EXEMPT.has(name) && !covered.has(name)) {
      throw denied(`Invalid according to Policy: Extra input fields: ${name}`);
    }
  }
  return range;
}

const conditionFailed = (condition: string) =>
  denied(`Invalid according to Policy: Policy Condition failed: ${condition}`);

/** An S3-style XML error body. */
export const s3ErrorXml = (code: string, message: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')}</Message></Error>`;

import { accessDenied, S3Error, signatureMismatch } from './s3-errors.js';
import { sameSignature, type SigV4Verifier } from './s3-sigv4.js';

/**
 * Checks a browser-based POST upload the way S3 does (Signature Version 4 POST policy): the
 * signature over the policy (an HMAC of the base64 text with the day's signing key, no canonical
 * request), its expiry, and every condition, including the size range. s3rver accepts any POST,
 * so the embedded default enforces the ticket's limits here instead.
 */

type Condition = Record<string, string> | [string, string | number, string | number];

interface Policy {
  expiration: string;
  conditions: Condition[];
}

/** Fields S3 does not require a policy condition for. */
const EXEMPT = new Set(['policy', 'x-amz-signature', 'file']);

/**
 * Validates the form fields (everything sent before the file, by lower-cased name, each once) for
 * `bucket`. Returns the accepted byte range, which the caller enforces while the file streams in.
 */
export async function verifyPostPolicy(
  bucket: string,
  fields: ReadonlyMap<string, string>,
  verifier: SigV4Verifier,
  now: Date,
): Promise<{ minBytes: number; maxBytes: number; accessKeyId: string }> {
  const encoded = fields.get('policy');
  const signature = fields.get('x-amz-signature');
  const credential = fields.get('x-amz-credential');
  if (!encoded || !signature || !credential) {
    throw accessDenied(
      'Bucket POST must contain the fields Policy, X-Amz-Signature and X-Amz-Credential',
    );
  }
  if (fields.get('x-amz-algorithm') !== 'AWS4-HMAC-SHA256') {
    throw accessDenied('X-Amz-Algorithm must be AWS4-HMAC-SHA256');
  }
  const { day, accessKeyId } = verifier.credentialDay(
    credential,
    new S3Error(400, 'InvalidArgument', 'X-Amz-Credential is malformed'),
  );
  if (!sameSignature(signature, await verifier.signPolicy(encoded, day, accessKeyId))) {
    throw signatureMismatch();
  }

  let policy: Policy;
  try {
    policy = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as Policy;
  } catch {
    throw new S3Error(400, 'InvalidPolicyDocument', 'Invalid Policy: not valid JSON.');
  }
  if (!Array.isArray(policy?.conditions)) {
    throw new S3Error(400, 'InvalidPolicyDocument', 'Invalid Policy: no conditions.');
  }
  const expiration = Date.parse(policy.expiration);
  if (!Number.isFinite(expiration) || expiration < now.getTime()) {
    throw accessDenied('Invalid according to Policy: Policy expired.');
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
      throw accessDenied(`Invalid according to Policy: Extra input fields: ${name}`);
    }
  }
  return { ...range, accessKeyId };
}

const conditionFailed = (condition: string) =>
  accessDenied(`Invalid according to Policy: Policy Condition failed: ${condition}`);

/**
 * Delivery URL signatures: HMAC-SHA256 over the path, the key id and the expiry, as imgproxy
 * signs its URLs. The query carries them: `?k={keyId}[&e={unix seconds}]&s={signature}`, and
 * the signed message is the URL without `&s=…`. Several keys verify (by id), one signs, so
 * keys rotate without breaking URLs already handed out.
 *
 * Pure and synchronous, with the HMAC passed in: the CloudFront Function and Node use the same
 * code (both have crypto.createHmac). Bundled into the edge function: ES 5.1-style code only.
 */

/** HMAC-SHA256 of `message` under `secret`, base64url without padding. */
export type Hmac = (secret: string, message: string) => string;

/** The signature fields read from a request's query. */
export interface SignedQuery {
  keyId?: string;
  expires?: string;
  signature?: string;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const EXPIRES = /^[1-9][0-9]{0,11}$/;

/** The message the signature covers. */
export function signedMessage(path: string, keyId: string, expires?: number): string {
  return path + '?k=' + keyId + (expires === undefined ? '' : '&e=' + expires);
}

/** The query string (without `?`) of a signed URL for `path`. */
export function signQuery(
  hmac: Hmac,
  path: string,
  key: { id: string; secret: string },
  expires?: number,
): string {
  const message = signedMessage(path, key.id, expires);
  return message.slice(path.length + 1) + '&s=' + hmac(key.secret, message);
}

/** Compares in time independent of where the strings differ. */
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** Why a request is refused (403), in the words its body says; undefined when it may pass. */
export type SignatureProblem =
  | 'missing signature'
  | 'unknown key'
  | 'malformed expiry'
  | 'expiry required'
  | 'expired'
  | 'bad signature';

/** The key id to look up, or the problem that needs no key to find. */
export function keyIdOf(query: SignedQuery): { keyId: string } | { problem: SignatureProblem } {
  if (!query.signature || !query.keyId) return { problem: 'missing signature' };
  if (!KEY_ID.test(query.keyId)) return { problem: 'unknown key' };
  return { keyId: query.keyId };
}

/**
 * Checks a request's signature with the secret of its key id (undefined: no such key).
 * `requireExpiry` is the expiring mode: a URL without an expiry is refused.
 */
export function checkSignature(
  hmac: Hmac,
  path: string,
  query: SignedQuery,
  secret: string | undefined,
  options: { nowSeconds: number; requireExpiry: boolean },
): SignatureProblem | undefined {
  const known = keyIdOf(query);
  if ('problem' in known) return known.problem;
  if (secret === undefined) return 'unknown key';
  let expires: number | undefined;
  if (query.expires !== undefined) {
    if (!EXPIRES.test(query.expires)) return 'malformed expiry';
    expires = Number(query.expires);
  } else if (options.requireExpiry) {
    return 'expiry required';
  }
  const expected = hmac(secret, signedMessage(path, known.keyId, expires));
  if (!sameText(expected, query.signature!)) return 'bad signature';
  // Checked after the signature, so a forged expiry is "bad signature", not "expired".
  if (expires !== undefined && expires <= options.nowSeconds) return 'expired';
  return undefined;
}

/**
 * The CloudFront Function on every delivery request (viewer request, JavaScript runtime 2.0):
 * verifies the signature with the keys in the distribution's key value store, reduces Accept to
 * the negotiated format, and rewrites the URI to the storage key, so cached hits never reach a
 * Lambda and the cache key holds no raw header. `npm run build:edge` bundles this with
 * src/urls/ into terraform/edge/viewer-request.js; the local delivery front runs the same
 * src/urls/ code.
 *
 * The runtime allows `await` only in top-level async functions and has no for-of, spread or
 * classes (see src/urls/). A test runs the built file against the local verifier's vectors.
 */
import crypto from 'crypto';
import cf from 'cloudfront';
import {
  authorise,
  KVS_KEY_PREFIX,
  KVS_REQUIRE_EXPIRY,
  queryText,
  readRequest,
  refusalText,
  VIEWER_URL_HEADER,
  type Refusal,
} from '../../urls/edge.js';
import type { Hmac } from '../../urls/signature.js';

interface Value {
  value: string;
}
interface ViewerRequest {
  uri: string;
  querystring: Record<string, Value>;
  headers: Record<string, Value>;
}
interface ViewerEvent {
  request: ViewerRequest;
}
interface GeneratedResponse {
  statusCode: number;
  statusDescription: string;
  headers: Record<string, Value>;
  body: { encoding: 'text'; data: string };
}

const store = cf.kvs();
const hmac: Hmac = (secret, message) =>
  crypto.createHmac('sha256', secret).update(message).digest('base64url');

function refuse(refusal: Refusal): GeneratedResponse {
  return {
    statusCode: refusal.status,
    statusDescription: refusal.status === 403 ? 'Forbidden' : 'Not Found',
    headers: {
      'content-type': { value: 'text/plain; charset=utf-8' },
      'cache-control': { value: 'no-store' },
    },
    body: { encoding: 'text', data: refusalText(refusal) },
  };
}

/** The runtime calls `handler` by name (the build drops the export, which it does not allow). */
export async function handler(event: ViewerEvent): Promise<ViewerRequest | GeneratedResponse> {
  const request = event.request;
  const values: Record<string, string> = {};
  const names = Object.keys(request.querystring);
  for (let i = 0; i < names.length; i++) values[names[i]!] = request.querystring[names[i]!]!.value;
  const read = readRequest(request.uri, values);
  if ('status' in read) return refuse(read);

  let secret: string | undefined;
  try {
    secret = await store.get(KVS_KEY_PREFIX + read.keyId);
  } catch {
    secret = undefined;
  }
  let requireExpiry = false;
  try {
    requireExpiry = (await store.get(KVS_REQUIRE_EXPIRY)) === 'true';
  } catch {
    requireExpiry = false;
  }
  const accept = request.headers.accept;
  const outcome = authorise(hmac, read, secret, {
    nowSeconds: Math.floor(Date.now() / 1000),
    requireExpiry: requireExpiry,
    accept: accept ? accept.value : undefined,
  });
  if (outcome.status !== 200) return refuse(outcome);

  request.headers[VIEWER_URL_HEADER] = { value: read.uri + '?' + queryText(read.query) };
  request.uri = '/' + outcome.key;
  // Verified: the origins need no signature, and the cache key holds none.
  request.querystring = {};
  return request;
}

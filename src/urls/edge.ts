/**
 * What the edge does with a delivery request, in both homes: the CloudFront Function on AWS
 * (src/delivery/edge/) and the local delivery front on the embedded default. Unknown paths are
 * 404, bad signatures 403 (the body says which), and a good one is forwarded to the storage key
 * its path (and, for `auto`, its Accept header) names.
 *
 * Two synchronous halves around the one asynchronous step, the key lookup, because the
 * CloudFront runtime allows `await` only in the handler itself. ES 5.1-style code only.
 */
import { negotiate } from './accept.js';
import { parsePath, storageKey, type DeliveryPath, type RenderTarget } from './grammar.js';
import {
  checkSignature,
  keyIdOf,
  type Hmac,
  type SignatureProblem,
  type SignedQuery,
} from './signature.js';

export type Refusal =
  { status: 403; reason: SignatureProblem } | { status: 404; reason: 'not found' };

export interface DeliveryRequest {
  uri: string;
  path: DeliveryPath;
  query: SignedQuery;
  keyId: string;
}

export interface Forward {
  status: 200;
  path: DeliveryPath;
  /** The object in the variants bucket that answers it. */
  key: string;
  /** What `auto` was negotiated to (responses to `auto` vary by Accept). */
  target?: RenderTarget;
}

/** The signature fields from query values (the first of each name). */
export function signedQuery(values: Record<string, string | undefined>): SignedQuery {
  const query: SignedQuery = {};
  if (values.k !== undefined) query.keyId = values.k;
  if (values.e !== undefined) query.expires = values.e;
  if (values.s !== undefined) query.signature = values.s;
  return query;
}

/** The first half: what is asked for and with which key, or why it is refused already. */
export function readRequest(
  uri: string,
  values: Record<string, string | undefined>,
): DeliveryRequest | Refusal {
  const path = parsePath(uri);
  if (!path) return { status: 404, reason: 'not found' };
  const query = signedQuery(values);
  const known = keyIdOf(query);
  if ('problem' in known) return { status: 403, reason: known.problem };
  return { uri: uri, path: path, query: query, keyId: known.keyId };
}

/** The second half, with the key's secret (undefined when there is no such key). */
export function authorise(
  hmac: Hmac,
  request: DeliveryRequest,
  secret: string | undefined,
  options: { nowSeconds: number; requireExpiry: boolean; accept: string | undefined },
): Forward | Refusal {
  const problem = checkSignature(hmac, request.uri, request.query, secret, options);
  if (problem) return { status: 403, reason: problem };
  const path = request.path;
  if (path.kind === 'render' && path.transform.format === 'auto') {
    const target = negotiate(options.accept);
    return { status: 200, path: path, key: storageKey(path, target), target: target };
  }
  return { status: 200, path: path, key: storageKey(path) };
}

/** The text a refusal's body says. */
export function refusalText(refusal: Refusal): string {
  return refusal.status === 404 ? 'Not Found' : 'Forbidden: ' + refusal.reason;
}

/** The header the edge adds for the origin: the viewer's own path and query, so an origin that
 * redirects (a render too large to return inline) can send the viewer back to the same URL. */
export const VIEWER_URL_HEADER = 'x-darkroom-viewer-url';

/** Names in the CloudFront KeyValueStore the edge function reads (Terraform writes them). */
export const KVS_KEY_PREFIX = 'key:';
export const KVS_REQUIRE_EXPIRY = 'require-expiry';

/** The query of a request as the edge re-states it (only the signature fields, in order). */
export function queryText(query: SignedQuery): string {
  let text = 'k=' + query.keyId;
  if (query.expires !== undefined) text += '&e=' + query.expires;
  return text + '&s=' + query.signature;
}

/** What every delivery response says, in both homes (on AWS the distribution's policies add
 * the same headers to what S3 returns). */

export interface DeliveryResponse {
  status: number;
  headers: Record<string, string>;
  body?: Buffer;
}

export { IMMUTABLE } from '../urls/cache.js';

/** S3 returns user metadata with this prefix; fresh renders say the same thing the same way. */
export const CLAMPED_HEADER = 'x-amz-meta-darkroom-clamped';
export const CLAMPED_METADATA = 'darkroom-clamped';

/** A plain-text answer, never cached unless `extra` says otherwise. */
export const text = (status: number, message: string, extra: Record<string, string> = {}) => ({
  status,
  headers: {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
    ...extra,
  },
  body: Buffer.from(message),
});

/** Headers the distribution's response headers policies add (here for the local front too). */
export function edgeHeaders(negotiated: boolean): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    'access-control-allow-origin': '*',
    ...(negotiated ? { vary: 'Accept' } : {}),
  };
}

/** Whether an If-None-Match header names this ETag (or is `*`). */
export function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const strip = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || strip(tag) === strip(etag));
}

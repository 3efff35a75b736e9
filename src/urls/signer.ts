import { createHmac } from 'node:crypto';
import type { Hmac } from './signature.js';
import { signQuery } from './signature.js';
import { formatPath, type DeliveryPath } from './grammar.js';

/** HMAC-SHA256, base64url: what the CloudFront Function computes with the same call. */
export const nodeHmac: Hmac = (secret, message) =>
  createHmac('sha256', secret).update(message).digest('base64url');

export interface DeliveryKey {
  id: string;
  secret: string;
}

/**
 * Signs delivery URLs under a base URL. Without a TTL they never expire (public mode). With one
 * (expiring mode) the expiry is rounded up to a tenth of the TTL, so the URL an app is given stays
 * the same for a while and browsers and CDNs reuse what they cached; each URL is valid for at
 * least the TTL.
 */
export class DeliverySigner {
  constructor(
    private readonly options: {
      baseUrl: string;
      key: DeliveryKey;
      ttlSeconds?: number | undefined;
      now?: () => Date;
    },
  ) {}

  /** When URLs signed now expire (unix seconds), or undefined in public mode. */
  expiresAt(): number | undefined {
    const ttl = this.options.ttlSeconds;
    if (!ttl) return undefined;
    const now = Math.floor((this.options.now?.() ?? new Date()).getTime() / 1000);
    const step = Math.max(60, Math.floor(ttl / 10));
    return (Math.floor(now / step) + 1) * step + ttl;
  }

  url(path: DeliveryPath): string {
    const pathText = formatPath(path);
    const base = this.options.baseUrl.replace(/\/+$/, '');
    return `${base}${pathText}?${signQuery(nodeHmac, pathText, this.options.key, this.expiresAt())}`;
  }
}

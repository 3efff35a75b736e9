import type { ApiConfig } from '../config/api.js';
import { createLogger, type Logger } from '../observability/logger.js';
import type { AwsClients } from '../storage/clients.js';
import { ImageObjects } from '../storage/image-objects.js';
import { CacheInvalidator } from '../storage/invalidate.js';
import { UrlSigner } from '../storage/presign.js';
import { ImageTable } from '../table/images.js';
import { MetricsTable } from '../table/metrics.js';
import { DeliveryUrls } from './delivery-urls.js';

/** Everything the API needs, built once per process and shared by every request. */
export interface ApiServices {
  config: ApiConfig;
  images: ImageTable;
  metrics: MetricsTable;
  signer: UrlSigner;
  /** Signed delivery URLs (Variant.url, Image.transformUrl, Image.html). */
  delivery: DeliveryUrls;
  /** Forgets a deleted image's responses in the CDN (AWS); nothing to do locally. */
  cdn: CacheInvalidator;
  /** Copies and deletes originals and variants (reprocessImage, deleteImage). */
  objects: ImageObjects;
  logger: Logger;
  now: () => Date;
}

/** The API's services from its configuration and clients: the one recipe both homes use. */
export function createApiServices(config: ApiConfig, clients: AwsClients): ApiServices {
  const now = () => new Date();
  return {
    config,
    images: new ImageTable(clients.dynamo, config.TABLE_NAME),
    metrics: new MetricsTable(clients.dynamo, config.TABLE_NAME),
    signer: new UrlSigner(clients.s3),
    delivery: new DeliveryUrls(config, now),
    cdn: new CacheInvalidator(config.DELIVERY_DISTRIBUTION_ID),
    objects: new ImageObjects(clients.s3, {
      originals: config.ORIGINALS_BUCKET,
      variants: config.VARIANTS_BUCKET,
    }),
    logger: createLogger('darkroom-api'),
    now,
  };
}

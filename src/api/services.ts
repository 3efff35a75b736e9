import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ApiConfig } from '../config/api.js';
import { createLogger, type Logger } from '../observability/logger.js';
import type { S3Source } from '../storage/s3-source.js';
import { ImageObjects } from '../storage/image-objects.js';
import { CacheInvalidator } from '../storage/invalidate.js';
import { UrlSigner } from '../storage/presign.js';
import { ImageTable } from '../table/images.js';
import { MetricsTable, metricShards } from '../table/metrics.js';
import { QuotaTable } from '../table/quotas.js';
import { ImageReviews } from '../table/reviews.js';
import { DeliveryUrls } from './delivery-urls.js';

/** Everything the API needs, built once per process and shared by every request. */
export interface ApiServices {
  config: ApiConfig;
  images: ImageTable;
  metrics: MetricsTable;
  /** Per-owner quota counters: createUpload charges and checks them, `quota` reads them. */
  quotas: QuotaTable;
  /** The moderation queue and its decisions (approveImage, rejectImage, moderationQueue). */
  reviews: ImageReviews;
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

/**
 * The clients the API uses: createAwsClients' (the embedded default), or on Lambda an S3 client
 * made on first use (createLazyS3Client), as only uploads, reprocessing and deletes need S3.
 */
export interface ApiClients {
  dynamo: DynamoDBDocumentClient;
  s3: S3Source;
}

/** The API's services from its configuration and clients: the one recipe both homes use. */
export function createApiServices(config: ApiConfig, clients: ApiClients): ApiServices {
  const now = () => new Date();
  return {
    config,
    images: new ImageTable(clients.dynamo, config.TABLE_NAME),
    metrics: new MetricsTable(clients.dynamo, config.TABLE_NAME, metricShards(config)),
    quotas: new QuotaTable(clients.dynamo, config.TABLE_NAME),
    reviews: new ImageReviews(clients.dynamo, config.TABLE_NAME),
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

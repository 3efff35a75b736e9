import type { ApiConfig } from '../config/api.js';
import type { Logger } from '../observability/logger.js';
import type { ImageObjects } from '../storage/image-objects.js';
import type { UrlSigner } from '../storage/presign.js';
import type { ImageTable } from '../table/images.js';
import type { MetricsTable } from '../table/metrics.js';

/** Everything the API needs, built once per process and shared by every request. */
export interface ApiServices {
  config: ApiConfig;
  images: ImageTable;
  metrics: MetricsTable;
  signer: UrlSigner;
  /** Copies and deletes originals and variants (reprocessImage, deleteImage). */
  objects: ImageObjects;
  logger: Logger;
  now: () => Date;
}

import { loadApiConfig } from '../config/api.js';
import { createLogger } from '../observability/logger.js';
import { createAwsClients } from '../storage/clients.js';
import { UrlSigner } from '../storage/presign.js';
import { ImageTable } from '../table/images.js';
import { MetricsTable } from '../table/metrics.js';
import { createApiHandler } from './handler.js';

// Built once per Lambda container: configuration errors fail the cold start with a clear message.
const config = loadApiConfig();
const { s3, dynamo } = createAwsClients(config);

export const handler = createApiHandler({
  config,
  images: new ImageTable(dynamo, config.TABLE_NAME),
  metrics: new MetricsTable(dynamo, config.TABLE_NAME),
  signer: new UrlSigner(s3),
  logger: createLogger('darkroom-api'),
  now: () => new Date(),
});

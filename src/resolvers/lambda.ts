import { readFile } from 'node:fs/promises';
import { loadApiConfig } from '../config/api.js';
import { GRAPHIQL_PAGE_FILE } from '../graphiql/page-file.js';
import { createLogger } from '../observability/logger.js';
import { createAwsClients } from '../storage/clients.js';
import { ImageObjects } from '../storage/image-objects.js';
import { UrlSigner } from '../storage/presign.js';
import { ImageTable } from '../table/images.js';
import { MetricsTable } from '../table/metrics.js';
import { createApiHandler } from './handler.js';

// Built once per Lambda container: configuration errors fail the cold start with a clear message.
const config = loadApiConfig();
const { s3, dynamo } = createAwsClients(config);

export const handler = createApiHandler(
  {
    config,
    images: new ImageTable(dynamo, config.TABLE_NAME),
    metrics: new MetricsTable(dynamo, config.TABLE_NAME),
    signer: new UrlSigner(s3),
    objects: new ImageObjects(s3, {
      originals: config.ORIGINALS_BUCKET,
      variants: config.VARIANTS_BUCKET,
    }),
    logger: createLogger('darkroom-api'),
    now: () => new Date(),
  },
  {
    // scripts/build.ts puts the page beside this bundle in api.zip; read on the first GET only.
    loadPage: () => readFile(new URL(`./${GRAPHIQL_PAGE_FILE}`, import.meta.url), 'utf8'),
    auth: 'jwt',
  },
);

import { readFile } from 'node:fs/promises';
import { loadApiConfig } from '../config/api.js';
import { GRAPHIQL_PAGE_FILE } from '../graphiql/page-file.js';
import { createDynamoClient } from '../storage/dynamo.js';
import { createLazyS3Client } from '../storage/s3-source.js';
import { createApiHandler } from './handler.js';
import { createApiServices } from './services.js';

// Built once per Lambda container: configuration errors fail the cold start with a clear message.
// Only what every request needs is made now. The presets (validated by `npm run build`) are read
// on first use, and S3 (uploads, reprocessing, deletes), the presigner, CloudFront and GraphiQL
// are imported when a request first needs them: the build splits them into chunks of their own.
const config = loadApiConfig(process.env, { presets: 'first use' });

export const handler = createApiHandler(
  createApiServices(config, {
    dynamo: createDynamoClient(config),
    s3: createLazyS3Client(config),
  }),
  {
    // scripts/build.ts puts the page beside this bundle in api.zip; read on the first GET only.
    loadPage: () => readFile(new URL(`./${GRAPHIQL_PAGE_FILE}`, import.meta.url), 'utf8'),
    auth: 'jwt',
  },
);

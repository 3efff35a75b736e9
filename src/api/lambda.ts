import { readFile } from 'node:fs/promises';
import { loadApiConfig } from '../config/api.js';
import { GRAPHIQL_PAGE_FILE } from '../graphiql/page-file.js';
import { createAwsClients } from '../storage/clients.js';
import { createApiHandler } from './handler.js';
import { createApiServices } from './services.js';

// Built once per Lambda container: configuration errors fail the cold start with a clear message.
const config = loadApiConfig();

export const handler = createApiHandler(createApiServices(config, createAwsClients(config)), {
  // scripts/build.ts puts the page beside this bundle in api.zip; read on the first GET only.
  loadPage: () => readFile(new URL(`./${GRAPHIQL_PAGE_FILE}`, import.meta.url), 'utf8'),
  auth: 'jwt',
});

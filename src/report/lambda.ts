import { loadReportConfig } from '../config/report.js';
import { createDynamoClient } from '../storage/clients.js';
import { createReportHandler } from './handler.js';
import { createReportServices } from './services.js';

// Built once per Lambda container: configuration errors fail the cold start with a clear message.
const config = loadReportConfig();

export const handler = createReportHandler(
  createReportServices(config, createDynamoClient(config)),
);

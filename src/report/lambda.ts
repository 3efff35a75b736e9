import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { loadReportConfig } from '../config/report.js';
import { createNotifier } from '../notify/index.js';
import { createLogger } from '../observability/logger.js';
import { MetricsTable } from '../table/metrics.js';
import { createReportHandler } from './handler.js';

// Built once per Lambda container: configuration errors fail the cold start with a clear message.
const config = loadReportConfig();
const logger = createLogger('darkroom-report');
const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ region: config.AWS_REGION }));

export const handler = createReportHandler({
  metrics: new MetricsTable(dynamo, config.TABLE_NAME),
  notifier: createNotifier(config, logger),
  logger,
});

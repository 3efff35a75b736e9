import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ReportConfig } from '../config/report.js';
import { createNotifier } from '../notify/index.js';
import type { AnnouncementNotifier } from '../notify/notifier.js';
import { createLogger } from '../observability/logger.js';
import { MetricsTable, metricShards } from '../table/metrics.js';
import type { ReportServices } from './handler.js';

/** The daily report's services from its configuration: the one recipe both homes use. */
export function createReportServices(
  config: ReportConfig,
  dynamo: DynamoDBDocumentClient,
  overrides: { notifier?: AnnouncementNotifier } = {},
): ReportServices {
  const logger = createLogger('darkroom-report');
  return {
    metrics: new MetricsTable(dynamo, config.TABLE_NAME, metricShards(config)),
    notifier: overrides.notifier ?? createNotifier(config, logger),
    logger,
  };
}

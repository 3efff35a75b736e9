import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { EventsConfig } from '../config/events.js';
import { createNotifier } from '../notify/index.js';
import type { Notifier } from '../notify/notifier.js';
import { createLogger, type Logger } from '../observability/logger.js';
import { createTelemetry } from '../observability/metrics.js';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { MetricsTable, metricShards } from '../table/metrics.js';
import { QuotaTable } from '../table/quotas.js';

/** Everything the events handler needs, built once per process. */
export interface EventsServices {
  metrics: MetricsTable;
  /** The owners' stored bytes, changed in the transactions that count transitions. */
  quotas: QuotaTable;
  /** Announces finished images; none: counting only. */
  notifier?: Notifier;
  telemetry?: Metrics;
  logger: Logger;
  now: () => Date;
}

export interface EventsOverrides {
  notifier?: Notifier;
  /** False: no CloudWatch metrics (off Lambda their log lines only clutter a terminal). */
  telemetry?: boolean;
}

/** The events handler's services from its configuration and table client: both homes use it. */
export function createEventsServices(
  config: EventsConfig,
  dynamo: DynamoDBDocumentClient,
  overrides: EventsOverrides = {},
): EventsServices {
  const logger = createLogger('darkroom-events');
  return {
    metrics: new MetricsTable(dynamo, config.TABLE_NAME, metricShards(config)),
    quotas: new QuotaTable(dynamo, config.TABLE_NAME),
    notifier: overrides.notifier ?? createNotifier(config, logger),
    ...(overrides.telemetry === false
      ? {}
      : { telemetry: createTelemetry(config.METRICS_NAMESPACE, 'events') }),
    logger,
    now: () => new Date(),
  };
}

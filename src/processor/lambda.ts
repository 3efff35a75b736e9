import { loadProcessorConfig } from '../config/processor.js';
import { createNotifier } from '../notify/index.js';
import { createLogger } from '../observability/logger.js';
import { createTelemetry } from '../observability/metrics.js';
import { createAwsClients } from '../storage/clients.js';
import { ImageTable } from '../table/images.js';
import { MetricsTable } from '../table/metrics.js';
import { createAnalysisStep } from './analysis/index.js';
import { createProcessorHandler } from './handler.js';

// Built once per Lambda container: configuration errors fail the cold start with a clear message.
const config = loadProcessorConfig();
const { s3, dynamo } = createAwsClients(config);

const logger = createLogger('darkroom-processor');

export const handler = createProcessorHandler({
  config,
  s3,
  images: new ImageTable(dynamo, config.TABLE_NAME),
  metrics: new MetricsTable(dynamo, config.TABLE_NAME),
  notifier: createNotifier(config, logger),
  analysis: createAnalysisStep(config),
  telemetry: createTelemetry(config.METRICS_NAMESPACE, 'processor'),
  logger,
});

import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { ProcessorConfig } from '../config/processor.js';
import { createLogger, type Logger } from '../observability/logger.js';
import { createTelemetry } from '../observability/metrics.js';
import type { AwsClients } from '../storage/clients.js';
import { ImageObjects } from '../storage/image-objects.js';
import { ImageClaims } from '../table/claims.js';
import { ImageTable } from '../table/images.js';
import { ImageReviews } from '../table/reviews.js';
import { createAnalysisStep, type AnalysisStep } from './analysis/index.js';

/** Everything the processor needs, built once per process and shared by every invocation. */
export interface ProcessorServices {
  config: ProcessorConfig;
  analysis?: AnalysisStep;
  /** CloudWatch metrics (Embedded Metric Format); flushed by the handler after each invocation. */
  telemetry?: Metrics;
  s3: AwsClients['s3'];
  images: ImageTable;
  claims: ImageClaims;
  reviews: ImageReviews;
  objects: ImageObjects;
  logger: Logger;
  now?: () => Date;
}

/** What a home may replace: tests script the analyser and move the clock. */
export interface ProcessorOverrides {
  /** Replaces the configured analysis step; null for none. */
  analysis?: AnalysisStep | null;
  now?: () => Date;
  /** False: no CloudWatch metrics (their log lines only clutter a terminal off Lambda). */
  telemetry?: boolean;
}

/** The processor's services from its configuration and clients: the one recipe both homes use. */
export function createProcessorServices(
  config: ProcessorConfig,
  clients: AwsClients,
  overrides: ProcessorOverrides = {},
): ProcessorServices {
  const logger = createLogger('darkroom-processor');
  const analysis =
    overrides.analysis === undefined ? createAnalysisStep(config) : overrides.analysis;
  return {
    config,
    ...(analysis ? { analysis } : {}),
    ...(overrides.telemetry === false
      ? {}
      : { telemetry: createTelemetry(config.METRICS_NAMESPACE, 'processor') }),
    s3: clients.s3,
    images: new ImageTable(clients.dynamo, config.TABLE_NAME),
    claims: new ImageClaims(clients.dynamo, config.TABLE_NAME),
    reviews: new ImageReviews(clients.dynamo, config.TABLE_NAME),
    objects: new ImageObjects(clients.s3, {
      originals: config.ORIGINALS_BUCKET,
      variants: config.VARIANTS_BUCKET,
    }),
    logger,
    ...(overrides.now ? { now: overrides.now } : {}),
  };
}

import { Metrics } from '@aws-lambda-powertools/metrics';

/** CloudWatch metrics in Embedded Metric Format (Powertools): written as log lines, no API calls. */
export const createTelemetry = (serviceName: string) =>
  new Metrics({ namespace: 'Darkroom', serviceName });

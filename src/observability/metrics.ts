import { Metrics } from '@aws-lambda-powertools/metrics';

/**
 * CloudWatch metrics in Embedded Metric Format (Powertools): written as log lines, no API calls.
 * The namespace is per stack (METRICS_NAMESPACE, set by Terraform) so two stacks in one account
 * keep their figures, and their alarms, apart.
 */
export const createTelemetry = (namespace: string, serviceName: string) =>
  new Metrics({ namespace, serviceName });

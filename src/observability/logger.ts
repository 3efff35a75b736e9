import { Logger } from '@aws-lambda-powertools/logger';

/**
 * Structured JSON logs (Powertools): CloudWatch on Lambda, stdout on the embedded default.
 * The level comes from POWERTOOLS_LOG_LEVEL (default INFO).
 */
export const createLogger = (serviceName: string) => new Logger({ serviceName });

export type { Logger };

import type { DeliveryConfig } from '../config/delivery.js';
import { createLogger, type Logger } from '../observability/logger.js';
import type { AwsClients } from '../storage/clients.js';
import { ImageTable } from '../table/images.js';
import { QuotaTable } from '../table/quotas.js';
import type { DeliveryResponse } from './responses.js';

/** Everything the delivery function needs, built once per process. */
export interface DeliveryServices {
  config: DeliveryConfig;
  s3: AwsClients['s3'];
  images: ImageTable;
  /** The owners' render counts of the day (QUOTA_RENDERS_PER_DAY). */
  quotas: QuotaTable;
  logger: Logger;
  /** Renders in progress by storage key: identical requests that arrive together share one. */
  inFlight: Map<string, Promise<DeliveryResponse>>;
  /** Renders actually made (a stored or shared result is not one). */
  stats: { renders: number };
  /** The clock renders are charged by (their UTC day). */
  now: () => Date;
}

export function createDeliveryServices(
  config: DeliveryConfig,
  clients: AwsClients,
): DeliveryServices {
  return {
    config,
    s3: clients.s3,
    images: new ImageTable(clients.dynamo, config.TABLE_NAME),
    quotas: new QuotaTable(clients.dynamo, config.TABLE_NAME),
    logger: createLogger('darkroom-delivery'),
    inFlight: new Map(),
    stats: { renders: 0 },
    now: () => new Date(),
  };
}

import type { DeliveryConfig } from '../config/delivery.js';
import { createLogger, type Logger } from '../observability/logger.js';
import type { AwsClients } from '../storage/clients.js';
import { ImageTable } from '../table/images.js';
import type { DeliveryResponse } from './responses.js';

/** Everything the delivery function needs, built once per process. */
export interface DeliveryServices {
  config: DeliveryConfig;
  s3: AwsClients['s3'];
  images: ImageTable;
  logger: Logger;
  /** Renders in progress by storage key: identical requests that arrive together share one. */
  inFlight: Map<string, Promise<DeliveryResponse>>;
  /** Renders actually made (a stored or shared result is not one). */
  stats: { renders: number };
}

export function createDeliveryServices(
  config: DeliveryConfig,
  clients: AwsClients,
): DeliveryServices {
  return {
    config,
    s3: clients.s3,
    images: new ImageTable(clients.dynamo, config.TABLE_NAME),
    logger: createLogger('darkroom-delivery'),
    inFlight: new Map(),
    stats: { renders: 0 },
  };
}

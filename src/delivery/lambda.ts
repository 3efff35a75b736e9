import { loadDeliveryConfig } from '../config/delivery.js';
import { createAwsClients } from '../storage/clients.js';
import { createDeliveryHandler } from './handler.js';
import { createDeliveryServices } from './services.js';

// Built once per Lambda container: configuration errors fail the cold start with a clear message.
const config = loadDeliveryConfig();

export const handler = createDeliveryHandler(
  createDeliveryServices(config, createAwsClients(config)),
);

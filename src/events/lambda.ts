import { loadEventsConfig } from '../config/events.js';
import { createDynamoClient } from '../storage/clients.js';
import { createEventsHandler } from './handler.js';
import { createEventsServices } from './services.js';

// Built once per Lambda container: configuration errors fail the cold start with a clear message.
const config = loadEventsConfig();

export const handler = createEventsHandler(
  createEventsServices(config, createDynamoClient(config)),
);

import { loadProcessorConfig } from '../config/processor.js';
import { createAwsClients } from '../storage/clients.js';
import { createProcessorHandler } from './handler.js';
import { createProcessorServices } from './services.js';

// Built once per Lambda container: configuration errors fail the cold start with a clear message.
const config = loadProcessorConfig();

export const handler = createProcessorHandler(
  createProcessorServices(config, createAwsClients(config)),
);

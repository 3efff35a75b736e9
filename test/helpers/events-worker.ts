/**
 * The events handler in a process of its own, fed by the local stream poller exactly as the
 * embedded default feeds it, for a test that kills it mid-batch. Settings come from the
 * environment (see test/integration/events-exactly-once.test.ts); with KILL_AFTER it kills
 * itself with SIGKILL once that many transitions are counted, whatever else is in flight; with
 * EXIT_WHEN_DRAINED it exits once the stream has been read to its end.
 */
import { loadEventsConfig } from '../../src/config/events.js';
import { createEventsHandler } from '../../src/events/handler.js';
import { STREAM_FILTER_PATTERNS } from '../../src/events/filter.js';
import { createEventsServices } from '../../src/events/services.js';
import { DynamoDBStreamsClient, startStreamPoller } from '../../src/local/stream-poller.js';
import { createDynamoClient } from '../../src/storage/clients.js';

const env = process.env;
const credentials = { accessKeyId: env.WORKER_KEY_ID!, secretAccessKey: 'local' };
const config = loadEventsConfig(env);
const dynamo = createDynamoClient(config, credentials);
const services = createEventsServices(config, dynamo, { telemetry: false });
const killAfter = env.KILL_AFTER ? Number(env.KILL_AFTER) : undefined;
let counted = 0;
const count = services.metrics.count.bind(services.metrics);
services.metrics.count = async (transition) => {
  const outcome = await count(transition);
  if (outcome === 'counted' && ++counted === killAfter) process.kill(process.pid, 'SIGKILL');
  return outcome;
};

const poller = await startStreamPoller({
  client: new DynamoDBStreamsClient({
    region: config.AWS_REGION,
    endpoint: config.DYNAMODB_ENDPOINT,
    credentials,
  }),
  streamArn: env.WORKER_STREAM_ARN!,
  region: config.AWS_REGION,
  handler: createEventsHandler(services),
  filter: STREAM_FILTER_PATTERNS,
  checkpointFile: `${env.WORKER_DIR}/stream-checkpoints.json`,
  failedFile: `${env.WORKER_DIR}/events-failed.jsonl`,
  logger: services.logger,
});
if (env.EXIT_WHEN_DRAINED) {
  await poller.drain();
  await poller.stop();
  process.exit(0);
}

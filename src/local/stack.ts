import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { S3EventRecord } from 'aws-lambda';
import pLimit from 'p-limit';
import { loadApiConfig } from '../config/api.js';
import { loadDeliveryConfig } from '../config/delivery.js';
import { createDeliveryHandler } from '../delivery/handler.js';
import { createDeliveryServices, type DeliveryServices } from '../delivery/services.js';
import { loadEventsConfig } from '../config/events.js';
import { createEventsHandler } from '../events/handler.js';
import { STREAM_FILTER_PATTERNS } from '../events/filter.js';
import { createEventsServices } from '../events/services.js';
import { loadLocalConfig } from '../config/local.js';
import { loadProcessorConfig } from '../config/processor.js';
import { ensureConsole } from '../console/build.js';
import { ensureGraphiqlPage } from '../graphiql/build.js';
import { createApiHandler } from '../api/handler.js';
import { createApiServices } from '../api/services.js';
import type { Notifier } from '../notify/notifier.js';
import { createLogger } from '../observability/logger.js';
import type { AnalysisStep } from '../processor/analysis/index.js';
import { createProcessorHandler } from '../processor/handler.js';
import type { ProcessOutcome } from '../processor/process-upload.js';
import { createProcessorServices } from '../processor/services.js';
import { SWEEP_EVENT } from '../processor/sweep.js';
import { createAwsClients } from '../storage/clients.js';
import { createApiGatewayServer, type LocalRoutes } from './api-gateway.js';
import { localConsoleFront } from './console-front.js';
import { createDeliveryFront } from './delivery-front.js';
import { localDeliveryKeys } from './delivery-keys.js';
import { restoreUnfinished } from './backup/folder.js';
import { lockDataFolder } from './data-lock.js';
import { ensureTable, hasDynaliteData, type DynamoCredentials } from './dynamodb-emulator.js';
import { startDynamoFront } from './dynamodb-front.js';
import { injectFaults } from './faults.js';
import { LocalAccess } from './iam-policy.js';
import {
  definePrincipals,
  principalKeys,
  type LocalPrincipalName,
  type LocalResourceNames,
  type PolicyHook,
} from './principals.js';
import { DynamoDBStreamsClient, startStreamPoller } from './stream-poller.js';
import type { S3Credentials } from './s3-credentials.js';
import { closeServer } from './s3-emulator.js';
import { dataFolderS3Credentials, startLocalStorage } from './storage.js';

export interface Stack {
  /** The web console (`/`), built on first use (cached in .build/console). */
  consoleUrl: string;
  graphqlUrl: string;
  /** Where delivery URLs point (this server's `/i/…` and `/t/…`). */
  deliveryUrl: string;
  /** The delivery function's counters: renders actually made. */
  delivery: DeliveryServices['stats'];
  /** Where a browser gets GraphiQL (the same URL), or undefined when GRAPHIQL is off. */
  graphiqlUrl: string | undefined;
  /** The processor's handler, as S3 would invoke it. */
  processor: ReturnType<typeof createProcessorHandler>;
  s3Endpoint: string;
  /** The only key pair the local S3 endpoint accepts (random per data folder, kept in it). */
  s3Credentials: S3Credentials;
  /** The front before DynamoDB Local, which authenticates and authorises as DynamoDB does. */
  dynamodbEndpoint: string;
  /** This data folder's database in DynamoDB Local is the one these credentials name. */
  dynamodbCredentials: DynamoCredentials;
  /** Who each function's key pair is, what its policy lets it do, and (if asked) each decision. */
  access: LocalAccess;
  dataDir: string;
  /**
   * Resolves once every delivered upload has been handled and the table's stream has been read
   * up to now (metrics counted, notifications sent).
   */
  idle(): Promise<void>;
  /** Runs the processor's sweep now (it also runs every SWEEP_INTERVAL_SECONDS). */
  sweep(): Promise<ProcessOutcome[]>;
  /** Stops taking requests, lets in-flight images finish, then stops the emulators. */
  stop(): Promise<void>;
}

export interface StackHooks {
  /** Called as each delivered upload is handled (for progress output). */
  onOutcome?: (outcome: ProcessOutcome) => void;
  /** False leaves object-created events undelivered, for tests that deliver events themselves. */
  autoProcess?: boolean;
  /** Replaces the configured analysis step (tests script the analyser's answers through this). */
  analysis?: AnalysisStep | null;
  /** Replaces the events handler's configured notifier (tests use one that fails). */
  notifier?: Notifier;
  /** The processor's clock (tests move it on to reach lease and ticket deadlines). */
  now?: () => Date;
  /**
   * Each principal's identity policy, for this stack's names (tests pass Terraform's, read from
   * terraform/iam.tf). Without it every function's key may do anything; with it, a principal it
   * leaves out may do nothing.
   */
  policies?: PolicyHook;
  /** Keep every authorisation decision in `access.decisions`. */
  recordAccess?: boolean;
}

export type { LocalResourceNames };

/** Like Lambda's asynchronous invocation: a failed invocation is retried twice, with a pause. */
const RETRY_DELAYS_MS = [1000, 2000];

/**
 * The embedded default: both emulators, the processor fed by the S3 emulator's object-created
 * events, and the API behind a local API Gateway, all on loopback. The handlers are the very ones
 * the Lambdas export, built by the same factories.
 */
export async function startStack(
  env: Record<string, string | undefined> = process.env,
  hooks: StackHooks = {},
): Promise<Stack> {
  const local = loadLocalConfig(env);
  const dataDir = resolve(local.DATA_DIR);
  await mkdir(dataDir, { recursive: true });
  const unlock = await lockDataFolder(dataDir, 'npm start');
  // The only pair the local S3 endpoint accepts: random, kept in the folder across restarts.
  const s3Credentials = await dataFolderS3Credentials(dataDir);
  // Every function signs with its own pair, as each Lambda with its role's.
  const keys = principalKeys(s3Credentials);
  const access = new LocalAccess(hooks.recordAccess);
  const principals = { keys: Object.values(keys), access };
  const logger = createLogger('darkroom-local');
  if (hasDynaliteData(join(dataDir, 'dynamodb'))) {
    logger.warn(
      `${join(dataDir, 'dynamodb')} holds records of the emulator before DynamoDB Local; they are not read (delete the folder once you no longer need them)`,
    );
  }
  if (await restoreUnfinished(dataDir)) {
    logger.warn(
      `${dataDir} holds an unfinished restore: some images may lack their files; run npm run restore again to finish it`,
    );
  }

  const limit = pLimit(local.PROCESSOR_CONCURRENCY);
  const inFlight = new Set<Promise<void>>();
  let deliver: (record: S3EventRecord) => Promise<void> = () => Promise.resolve();
  const storage = await startLocalStorage({
    local,
    dataDir,
    s3Credentials,
    dynamodbEndpoint: env.DYNAMODB_ENDPOINT,
    principals,
    onObjectCreated: (record) => {
      if (record.s3.bucket.name !== local.ORIGINALS_BUCKET || hooks.autoProcess === false) return;
      const job = limit(() => deliver(record)).finally(() => inFlight.delete(job));
      inFlight.add(job);
    },
  }).catch(async (error: unknown) => {
    await unlock();
    throw error;
  });
  const { s3, dynamo: dynamoLocal } = storage;
  const front = await startDynamoFront({
    host: local.HOST,
    upstream: dynamoLocal.endpoint,
    region: local.AWS_REGION,
    credentials: dynamoLocal.credentials,
    principals,
  }).catch(async (error: unknown) => {
    await storage.close();
    await unlock();
    throw error;
  });
  const dynamo = {
    endpoint: front.endpoint,
    credentials: dynamoLocal.credentials,
    close: () => front.close().finally(() => dynamoLocal.close()),
  };
  // The stack's own setup (the table) signs with the folder's pairs, which may do anything.
  const credentials = { s3: s3.credentials, dynamo: dynamo.credentials };
  /** A function's clients sign with its own pair for both services, as with a role's. */
  const as = (name: LocalPrincipalName) => ({ s3: keys[name], dynamo: keys[name] });

  // The server listens first: delivery URLs name its address, which PORT=0 only tells once bound.
  const routes: LocalRoutes = {};
  const server = createApiGatewayServer(routes, logger);
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(local.PORT, local.HOST, () => {
      server.off('error', fail);
      done();
    });
  }).catch(async (error: unknown) => {
    await Promise.all([s3.close(), dynamo.close()]);
    await unlock();
    throw error;
  });
  const { port } = server.address() as AddressInfo;
  // A setting refused from here on must not leave the port held (and the process running).
  const closeOnError = async (error: unknown): Promise<never> => {
    await closeServer(server);
    await Promise.all([s3.close(), dynamo.close()]);
    await unlock();
    throw error;
  };
  const origin = `http://${local.HOST}:${port}`;

  const handlerEnv = {
    ...env,
    DELIVERY_BASE_URL: env.DELIVERY_BASE_URL || origin,
    DELIVERY_KEYS: await localDeliveryKeys(dataDir, env.DELIVERY_KEYS).catch(closeOnError),
    AWS_REGION: local.AWS_REGION,
    TABLE_NAME: local.TABLE_NAME,
    ORIGINALS_BUCKET: local.ORIGINALS_BUCKET,
    VARIANTS_BUCKET: local.VARIANTS_BUCKET,
    S3_ENDPOINT: s3.endpoint,
    DYNAMODB_ENDPOINT: dynamo.endpoint,
  };
  const { apiConfig, processorConfig, deliveryConfig, eventsConfig } = await Promise.resolve()
    .then(() => ({
      apiConfig: loadApiConfig(handlerEnv),
      processorConfig: loadProcessorConfig(handlerEnv),
      deliveryConfig: loadDeliveryConfig(handlerEnv),
      eventsConfig: loadEventsConfig(handlerEnv),
    }))
    .catch(closeOnError);
  const setup = createAwsClients(apiConfig, credentials);
  const streamArn = await ensureTable(setup.dynamo, local.TABLE_NAME)
    .catch(closeOnError)
    .finally(() => {
      setup.s3.destroy();
      setup.dynamo.destroy();
    });
  definePrincipals(access, keys, local, streamArn, hooks.policies);
  const clients = createAwsClients(apiConfig, as('api'));

  // The processor and the events handler have clients of their own, as separate Lambdas would;
  // chaos runs fault them (requests that fail, and requests applied whose reply is lost).
  const faults = { fail: local.FAULT_RATE, dropReply: local.DROPPED_REPLY_RATE };
  const processorClients = createAwsClients(processorConfig, as('processor'));
  injectFaults(processorClients.s3, faults);
  injectFaults(processorClients.dynamo, faults);
  const processor = createProcessorHandler(
    createProcessorServices(processorConfig, processorClients, {
      telemetry: false,
      // A hook's step (or null for none) replaces the configured analyser.
      ...(hooks.analysis !== undefined ? { analysis: hooks.analysis } : {}),
      ...(hooks.now ? { now: hooks.now } : {}),
    }),
  );

  // The events handler, fed by the table's stream as Lambda's event source mapping feeds it.
  const eventsClients = createAwsClients(eventsConfig, as('events'));
  injectFaults(eventsClients.dynamo, faults);
  // Lambda's event source mapping reads the stream as the events function's role.
  const streams = new DynamoDBStreamsClient({
    region: local.AWS_REGION,
    endpoint: dynamo.endpoint,
    credentials: keys.events,
  });
  const poller = await startStreamPoller({
    client: streams,
    streamArn,
    region: local.AWS_REGION,
    handler: createEventsHandler(
      createEventsServices(eventsConfig, eventsClients.dynamo, {
        telemetry: false,
        ...(hooks.notifier ? { notifier: hooks.notifier } : {}),
      }),
    ),
    filter: STREAM_FILTER_PATTERNS,
    checkpointFile: join(dataDir, 'stream-checkpoints.json'),
    failedFile: join(dataDir, 'events-failed.jsonl'),
    maxAttempts: local.EVENTS_MAX_ATTEMPTS,
    logger,
  });
  deliver = async (record) => {
    for (let attempt = 0; ; attempt++) {
      try {
        const outcomes = await processor({ Records: [record] });
        outcomes.forEach((outcome) => hooks.onOutcome?.(outcome));
        return;
      } catch (error) {
        const delay = RETRY_DELAYS_MS[attempt];
        if (delay === undefined) {
          logger.error('processor invocation failed after retries', {
            key: record.s3.object.key,
            error: error as Error,
          });
          return;
        }
        await sleep(delay);
      }
    }
  };

  routes.api = createApiHandler(
    createApiServices(apiConfig, clients),
    // Built from the graphiql package on the first GET (cached in .build/graphiql).
    { loadPage: () => ensureGraphiqlPage(), auth: 'dev' },
  );

  // Delivery: the delivery function with clients of its own, behind the stand-in for CloudFront.
  const deliveryClients = createAwsClients(deliveryConfig, as('delivery'));
  const deliveryServices = createDeliveryServices(deliveryConfig, deliveryClients);
  // CloudFront reads the variants bucket as itself (the bucket's policy), not as the function.
  const cloudfrontClients = createAwsClients(deliveryConfig, as('cloudfront'));
  routes.delivery = createDeliveryFront({
    keys: apiConfig.DELIVERY_KEYS,
    requireExpiry: apiConfig.DELIVERY_URL_TTL_SECONDS !== undefined,
    s3: cloudfrontClients.s3,
    variantsBucket: local.VARIANTS_BUCKET,
    origin: createDeliveryHandler(deliveryServices),
  });

  const graphqlUrl = `${origin}/graphql`;
  routes.console = localConsoleFront({
    files: () => ensureConsole(),
    graphqlUrl,
    deliveryUrl: apiConfig.DELIVERY_BASE_URL,
    s3Endpoint: s3.endpoint,
    adminGroup: apiConfig.ADMIN_GROUP,
  });

  const idle = async () => {
    while (inFlight.size > 0) await Promise.all([...inFlight]);
    await poller.drain();
  };
  // Like the scheduled sweep on AWS: finish images whose worker died (here: a previous run
  // killed mid-image, or deliveries that ran out of retries).
  const sweep = async () => {
    const outcomes = await processor(SWEEP_EVENT).catch((error: unknown) => {
      logger.error('sweep failed', { error: error as Error });
      return [];
    });
    outcomes.forEach((outcome) => hooks.onOutcome?.(outcome));
    return outcomes;
  };
  // Sweeps still running when the stack stops are awaited, so none queries a closed table.
  const sweeps = new Set<Promise<unknown>>();
  const sweepInBackground = () => {
    const run = sweep().finally(() => sweeps.delete(run));
    sweeps.add(run);
  };
  const sweeper = setInterval(sweepInBackground, local.SWEEP_INTERVAL_SECONDS * 1000);
  sweeper.unref();
  sweepInBackground();
  return {
    consoleUrl: `${origin}/`,
    graphqlUrl,
    deliveryUrl: apiConfig.DELIVERY_BASE_URL,
    delivery: deliveryServices.stats,
    graphiqlUrl: apiConfig.GRAPHIQL ? graphqlUrl : undefined,
    processor,
    s3Endpoint: s3.endpoint,
    s3Credentials: s3.credentials,
    dynamodbEndpoint: dynamo.endpoint,
    dynamodbCredentials: dynamo.credentials,
    access,
    dataDir,
    idle,
    sweep,
    stop: async () => {
      clearInterval(sweeper);
      await closeServer(server);
      await idle();
      await Promise.all([...sweeps]);
      await poller.drain();
      await poller.stop();
      await s3.close();
      await dynamo.close();
      await unlock();
      const all = [clients, processorClients, deliveryClients, eventsClients, cloudfrontClients];
      for (const client of [...all.flatMap((c) => [c.s3, c.dynamo]), streams]) client.destroy();
    },
  };
}

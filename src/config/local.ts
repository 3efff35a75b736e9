import { availableParallelism } from 'node:os';
import * as z from '../model/zod.js';
import { doc, flag, nonEmpty, numberBetween, parseEnv, positiveInt } from './env.js';

const port = (fallback: number) =>
  z._default(
    z.coerce
      .number({ error: 'expected a port number' })
      .check(
        z.int({ error: 'expected a port number' }),
        z.gte(0, { error: 'expected a port from 0 (any free port) to 65535' }),
        z.lte(65535, { error: 'expected a port from 0 (any free port) to 65535' }),
      ),
    fallback,
  );

/** A share of requests, for the chaos settings: 0 (none, the default) to 1 (all). */
const fraction = () => z._default(numberBetween(0, 1, 'expected a number from 0 to 1'), 0);

/**
 * Settings of the embedded default (`npm start`) itself; the handlers' own settings come on top.
 * Each field's description is its documentation: `npm run config:docs` writes the table in
 * docs/CONFIGURATION.md from it.
 */
export const localEnvSchema = z.object({
  PORT: doc(port(4000), "The GraphQL endpoint's port (`0`: any free port)."),
  S3_PORT: doc(port(4569), "The S3 emulator's port (`0`: any free port)."),
  DYNAMODB_PORT: doc(
    port(4567),
    "DynamoDB Local's port (`0`: any free port). It listens on every interface (it has no bind option); its data is keyed by a random access key id kept in the data folder.",
  ),
  DYNAMODB_IN_MEMORY: doc(
    flag(),
    "Keep DynamoDB Local's tables in memory only (gone at stop): for throwaway stacks such as `npm run load` and `npm run bench`, where writing every transaction to disk would be the bottleneck.",
  ),
  HOST: doc(
    nonEmpty('127.0.0.1'),
    'The address everything listens on. Loopback by default: nothing is reachable from other machines unless asked for.',
  ),
  DATA_DIR: doc(
    nonEmpty('.data'),
    'Where the emulators keep objects and table data; survives restarts (delete it to start afresh).',
  ),
  PROCESSOR_CONCURRENCY: doc(
    positiveInt(Math.max(1, availableParallelism())),
    "Images processed at once (each also uses sharp's own threads).",
    'the CPU count',
  ),
  SWEEP_INTERVAL_SECONDS: doc(
    z._default(
      z.coerce
        .number({ error: 'expected seconds > 0' })
        .check(z.positive({ error: 'expected seconds > 0' })),
      60,
    ),
    'How often the processor sweeps for images whose worker died (on AWS a schedule runs the sweep every 5 minutes).',
  ),
  FAULT_RATE: doc(
    fraction(),
    "Fraction (0..1) of the processor's and events handler's storage and table requests made to fail, for chaos runs.",
  ),
  DROPPED_REPLY_RATE: doc(
    fraction(),
    'Fraction (0..1) of those requests that succeed but whose reply is lost (the caller sees a timeout and retries), for chaos runs.',
  ),
  EVENTS_MAX_ATTEMPTS: doc(
    positiveInt(11),
    "Deliveries of a stream batch to the events handler before its records are set aside in DATA_DIR/events-failed.jsonl (on AWS: the mapping's first attempt and its 10 retries, then its DLQ).",
  ),
  TABLE_NAME: doc(
    nonEmpty('darkroom'),
    'The table the DynamoDB emulator holds (created at start-up); npm start gives it to the handlers.',
  ),
  ORIGINALS_BUCKET: doc(
    nonEmpty('darkroom-originals', 3),
    "The S3 emulator's bucket uploads land in; npm start gives it to the handlers.",
  ),
  VARIANTS_BUCKET: doc(
    nonEmpty('darkroom-variants', 3),
    "The S3 emulator's bucket variants are written to; npm start gives it to the handlers.",
  ),
  AWS_REGION: doc(
    nonEmpty('us-east-1'),
    'The region the emulators answer for; npm start gives it to the handlers.',
  ),
});

export type LocalConfig = z.infer<typeof localEnvSchema>;

export const loadLocalConfig = (env: Record<string, string | undefined> = process.env) =>
  parseEnv(localEnvSchema, env);

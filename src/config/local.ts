import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { flag, parseEnv } from './env.js';

const port = (fallback: number) =>
  z.coerce
    .number({ error: 'expected a port number' })
    .int({ error: 'expected a port number' })
    .min(0, { error: 'expected a port from 0 (any free port) to 65535' })
    .max(65535, { error: 'expected a port from 0 (any free port) to 65535' })
    .default(fallback);

/** A share of requests, for the chaos settings: 0 (none, the default) to 1 (all). */
const fraction = () =>
  z.coerce
    .number({ error: 'expected a number from 0 to 1' })
    .min(0, { error: 'expected a number from 0 to 1' })
    .max(1, { error: 'expected a number from 0 to 1' })
    .default(0);

/**
 * Settings of the embedded default (`npm start`) itself; the handlers' own settings come on top.
 * Each field's description is its documentation: `npm run config:docs` writes the table in
 * docs/CONFIGURATION.md from it.
 */
export const localEnvSchema = z.object({
  PORT: port(4000).meta({
    description: "The GraphQL endpoint's port (`0`: any free port).",
  }),
  S3_PORT: port(4569).meta({ description: "The S3 emulator's port (`0`: any free port)." }),
  DYNAMODB_PORT: port(4567).meta({
    description:
      "DynamoDB Local's port (`0`: any free port). It listens on every interface (it has no bind option); its data is keyed by a random access key id kept in the data folder.",
  }),
  DYNAMODB_IN_MEMORY: flag().meta({
    description:
      "Keep DynamoDB Local's tables in memory only (gone at stop): for throwaway stacks such as `npm run load` and `npm run bench`, where writing every transaction to disk would be the bottleneck.",
  }),
  HOST: z.string().min(1).default('127.0.0.1').meta({
    description:
      'The address everything listens on. Loopback by default: nothing is reachable from other machines unless asked for.',
  }),
  DATA_DIR: z.string().min(1).default('.data').meta({
    description:
      'Where the emulators keep objects and table data; survives restarts (delete it to start afresh).',
  }),
  PROCESSOR_CONCURRENCY: z.coerce
    .number({ error: 'expected a whole number' })
    .int()
    .positive()
    .default(Math.max(1, availableParallelism()))
    .meta({
      description: "Images processed at once (each also uses sharp's own threads).",
      defaultText: 'the CPU count',
    }),
  SWEEP_INTERVAL_SECONDS: z.coerce
    .number()
    .positive({ error: 'expected seconds > 0' })
    .default(60)
    .meta({
      description:
        'How often the processor sweeps for images whose worker died (on AWS a schedule runs the sweep every 5 minutes).',
    }),
  FAULT_RATE: fraction().meta({
    description:
      "Fraction (0..1) of the processor's and events handler's storage and table requests made to fail, for chaos runs.",
  }),
  DROPPED_REPLY_RATE: fraction().meta({
    description:
      'Fraction (0..1) of those requests that succeed but whose reply is lost (the caller sees a timeout and retries), for chaos runs.',
  }),
  EVENTS_MAX_ATTEMPTS: z.coerce
    .number({ error: 'expected a whole number' })
    .int({ error: 'expected a whole number' })
    .positive({ error: 'expected a number greater than 0' })
    .default(11)
    .meta({
      description:
        "Deliveries of a stream batch to the events handler before its records are set aside in DATA_DIR/events-failed.jsonl (on AWS: the mapping's first attempt and its 10 retries, then its DLQ).",
    }),
  TABLE_NAME: z.string().min(1).default('darkroom').meta({
    description:
      'The table the DynamoDB emulator holds (created at start-up); npm start gives it to the handlers.',
  }),
  ORIGINALS_BUCKET: z.string().min(3).default('darkroom-originals').meta({
    description: "The S3 emulator's bucket uploads land in; npm start gives it to the handlers.",
  }),
  VARIANTS_BUCKET: z.string().min(3).default('darkroom-variants').meta({
    description:
      "The S3 emulator's bucket variants are written to; npm start gives it to the handlers.",
  }),
  AWS_REGION: z.string().min(1).default('us-east-1').meta({
    description: 'The region the emulators answer for; npm start gives it to the handlers.',
  }),
});

export type LocalConfig = z.infer<typeof localEnvSchema>;

export const loadLocalConfig = (env: Record<string, string | undefined> = process.env) =>
  parseEnv(localEnvSchema, env);

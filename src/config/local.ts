import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { parseEnv } from './env.js';

const port = (fallback: number) =>
  z.coerce
    .number({ error: 'expected a port number' })
    .int({ error: 'expected a port number' })
    .min(0, { error: 'expected a port from 0 (any free port) to 65535' })
    .max(65535, { error: 'expected a port from 0 (any free port) to 65535' })
    .default(fallback);

/** Settings of the embedded default (`npm start`) itself; the handlers' own settings come on top. */
export const localEnvSchema = z.object({
  /** The GraphQL endpoint's port. */
  PORT: port(4000),
  S3_PORT: port(4569),
  DYNAMODB_PORT: port(4567),
  /** Loopback by default: nothing is reachable from other machines unless asked for. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Where the emulators keep objects and table data; survives restarts. */
  DATA_DIR: z.string().min(1).default('.data'),
  /** Images processed at once (each also uses sharp's own threads). */
  PROCESSOR_CONCURRENCY: z.coerce
    .number({ error: 'expected a whole number' })
    .int()
    .positive()
    .default(Math.max(1, availableParallelism())),
  /** How often the processor sweeps for images whose worker died. */
  SWEEP_INTERVAL_SECONDS: z.coerce.number().positive({ error: 'expected seconds > 0' }).default(60),
  /** Fraction (0..1) of the processor's storage and table requests made to fail, for chaos runs. */
  FAULT_RATE: z.coerce
    .number({ error: 'expected a number from 0 to 1' })
    .min(0, { error: 'expected a number from 0 to 1' })
    .max(1, { error: 'expected a number from 0 to 1' })
    .default(0),
  TABLE_NAME: z.string().min(1).default('darkroom'),
  ORIGINALS_BUCKET: z.string().min(3).default('darkroom-originals'),
  VARIANTS_BUCKET: z.string().min(3).default('darkroom-variants'),
  AWS_REGION: z.string().min(1).default('us-east-1'),
});

export type LocalConfig = z.infer<typeof localEnvSchema>;

export const loadLocalConfig = (env: Record<string, string | undefined> = process.env) =>
  parseEnv(localEnvSchema, env);

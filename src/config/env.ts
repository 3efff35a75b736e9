import { z } from 'zod';

/** Thrown when the environment does not describe a runnable service; the message names every bad setting. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Validates `env` against a schema whose keys are environment variable names. */
export function parseEnv<S extends z.ZodObject>(schema: S, env: Env): z.infer<S> {
  const picked: Env = {};
  for (const key of Object.keys(schema.shape)) {
    // An empty variable is treated as unset, as shells and Terraform often produce them.
    const value = env[key];
    picked[key] = value === '' ? undefined : value;
  }
  const result = schema.safeParse(picked);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const name = issue.path.join('.');
      const got = picked[name];
      return `${name}: ${issue.message}${got === undefined ? '' : ` (got ${JSON.stringify(got)})`}`;
    }),
  );
}

/** A positive whole number read from a string, with a default. */
export const positiveInt = (fallback: number) =>
  z.coerce
    .number({ error: 'expected a whole number' })
    .int({ error: 'expected a whole number' })
    .positive({ error: 'expected a number greater than 0' })
    .default(fallback);

export const required = (what: string) =>
  z.string({ error: `required: ${what}` }).min(1, { error: `required: ${what}` });

/** Settings every function shares: where the table and buckets are, and optional emulator endpoints. */
export const sharedEnv = {
  AWS_REGION: z.string().min(1).default('us-east-1'),
  TABLE_NAME: required('the DynamoDB table name'),
  ORIGINALS_BUCKET: required('the bucket uploads land in'),
  VARIANTS_BUCKET: required('the bucket processed variants are written to'),
  /** Only set on the embedded default (or another S3-compatible store); unset on AWS. */
  S3_ENDPOINT: z.url({ error: 'expected a URL such as http://127.0.0.1:4569' }).optional(),
  DYNAMODB_ENDPOINT: z.url({ error: 'expected a URL such as http://127.0.0.1:4567' }).optional(),
};

import { z } from 'zod';

/** Thrown when the environment does not describe a runnable service; the message names every bad setting. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/*
 * Every setting of every schema here carries `.meta({ description })`: that text is its
 * documentation, and `npm run config:docs` writes the table in docs/CONFIGURATION.md from it
 * (a test fails when a setting has none). The default shown is the schema's own, read by parsing
 * an unset value; a default computed at start-up says so in words with `defaultText`.
 */
declare module 'zod' {
  interface GlobalMeta {
    /** The default in words, for one that depends on where it runs (e.g. the CPU count). */
    defaultText?: string;
  }
}

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

/**
 * Settings only the embedded default uses. Terraform must not set them on a function; the
 * Terraform contract test reads this list.
 */
export const LOCAL_ONLY_SETTINGS = [
  'S3_ENDPOINT',
  'DYNAMODB_ENDPOINT',
  'NOTIFY_WEBHOOK_URL',
] as const;

/** Settings the Lambda runtime sets itself; Terraform must not set them either. */
export const RUNTIME_SETTINGS = ['AWS_REGION'] as const;

/** Where finished images are announced: SNS on AWS; a log (and optional webhook) locally. */
export const notifyEnv = {
  TOPIC_ARN: z
    .string()
    .regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/, {
      error: 'expected an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)',
    })
    .optional()
    .meta({
      description:
        'The SNS topic finished images and the daily report are announced to; Terraform sets it to the topic it creates. When unset, messages are logged and POSTed to NOTIFY_WEBHOOK_URL if set.',
    }),
  NOTIFY_WEBHOOK_URL: z.url({ error: 'expected an http(s) URL' }).optional().meta({
    description:
      'Without a topic: where to POST each message (the JSON an HTTPS subscriber of the topic would get), retried; unset, messages are only logged.',
  }),
};

/** "true"/"false" (also 1/0, yes/no, on/off), default false unless given. */
export const flag = (fallback = false) =>
  z.stringbool({ error: 'expected true or false' }).default(fallback);

/** Where the table is; the endpoint is only set on the embedded default. */
export const tableEnv = {
  AWS_REGION: z
    .string()
    .min(1)
    .default('us-east-1')
    .meta({ description: 'The region of the table, the buckets and the topic.' }),
  TABLE_NAME: required('the DynamoDB table name').meta({
    description: 'The DynamoDB table; on AWS Terraform sets it to the one it creates.',
  }),
  DYNAMODB_ENDPOINT: z
    .url({ error: 'expected a URL such as http://127.0.0.1:4567' })
    .optional()
    .meta({
      description:
        "The DynamoDB endpoint: npm start points it at its emulator; unset on AWS, where the SDK finds the region's.",
    }),
};

/** Settings the API and the processor share: the table and both buckets. */
export const sharedEnv = {
  ...tableEnv,
  ORIGINALS_BUCKET: required('the bucket uploads land in').meta({
    description: 'The bucket uploads land in; on AWS Terraform sets it to the one it creates.',
  }),
  VARIANTS_BUCKET: required('the bucket processed variants are written to').meta({
    description:
      'The bucket processed variants are written to; on AWS Terraform sets it to the one it creates.',
  }),
  S3_ENDPOINT: z.url({ error: 'expected a URL such as http://127.0.0.1:4569' }).optional().meta({
    description:
      'The S3 endpoint: npm start points it at its emulator (or another S3-compatible store); unset on AWS.',
  }),
};

/**
 * How many items each metrics scope's counters are spread over (write sharding): a transactional
 * write of a counter item costs 2 write units and one item takes about 1,000 a second, so the
 * everyone scope, which every image updates, needs roughly one shard per 125 images a second (a ticket and a finished run are each counted)
 * (docs/SCALE.md). Reads sum the shards. Writers and readers must agree: Terraform sets both from
 * one variable; raise them, never lower them (counts on shards past a lowered number are no
 * longer read).
 */
export const metricShardsEnv = {
  METRICS_SHARDS: z.coerce
    .number({ error: 'expected a whole number from 1 to 64' })
    .int({ error: 'expected a whole number from 1 to 64' })
    .min(1, { error: 'expected a whole number from 1 to 64' })
    .max(64, { error: 'expected a whole number from 1 to 64' })
    .default(8)
    .meta({
      description:
        "Items the everyone scope's metric counters are spread over (each about 125 images/s: docs/SCALE.md; raise only).",
    }),
  METRICS_OWNER_SHARDS: z.coerce
    .number({ error: 'expected a whole number from 1 to 16' })
    .int({ error: 'expected a whole number from 1 to 16' })
    .min(1, { error: 'expected a whole number from 1 to 16' })
    .max(16, { error: 'expected a whole number from 1 to 16' })
    .default(1)
    .meta({
      description:
        "Items each owner's metric counters are spread over (raise for an owner above ~125 images/s; raise only).",
    }),
};

/** The CloudWatch namespace of a function's own metrics (Embedded Metric Format). */
export const metricsNamespaceEnv = {
  METRICS_NAMESPACE: z
    .string()
    .regex(/^[\w.\-/#:]{1,255}$/, { error: 'expected a CloudWatch namespace, e.g. Darkroom/prod' })
    .default('Darkroom')
    .meta({
      description:
        "CloudWatch namespace of the functions' own metrics (ImagesProcessed, ClaimsRecovered, …).",
    }),
};

/** The decompression-bomb limit: the processor refuses such uploads, delivery never decodes them. */
export const maxInputPixelsEnv = {
  MAX_INPUT_PIXELS: positiveInt(100_000_000).meta({
    description:
      'Images with more pixels than this are refused from their header, before anything is decoded, and sharp refuses to decode them (decompression bombs).',
  }),
};

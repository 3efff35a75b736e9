import * as z from '../model/zod.js';

/** Thrown when the environment does not describe a runnable service; the message names every bad setting. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Any setting's schema (zod/mini). */
export type Setting = z.ZodMiniType;

/**
 * Gives a setting its documentation: `npm run config:docs` writes the table in
 * docs/CONFIGURATION.md from it (a test fails when a setting has none). The default shown is the
 * schema's own, read by parsing an unset value; a default computed at start-up says so in words.
 */
export function doc<S extends Setting>(schema: S, description: string, defaultText?: string): S {
  z.globalRegistry.add(schema, defaultText ? { description, defaultText } : { description });
  return schema;
}

/** Validates `env` against a schema whose keys are environment variable names. */
export function parseEnv<S extends z.ZodMiniObject>(schema: S, env: Env): z.infer<S> {
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
  z._default(
    z.coerce
      .number({ error: 'expected a whole number' })
      .check(
        z.int({ error: 'expected a whole number' }),
        z.positive({ error: 'expected a number greater than 0' }),
      ),
    fallback,
  );

/** A whole number from `min` to `max` read from a string; every way to miss says `error`. */
export const intBetween = (min: number, max: number, error: string) =>
  z.coerce.number({ error }).check(z.int({ error }), z.gte(min, { error }), z.lte(max, { error }));

/** A number from `min` to `max` read from a string; `typeError` when it is no number at all. */
export const numberBetween = (min: number, max: number, error: string, typeError = error) =>
  z.coerce.number({ error: typeError }).check(z.gte(min, { error }), z.lte(max, { error }));

/** A string matching `pattern`, or `error`. */
export const matching = (pattern: RegExp, error: string) =>
  z.string({ error }).check(z.regex(pattern, { error }));

/** A non-empty string, with a default. */
export const nonEmpty = (fallback: string, minLength = 1) =>
  z._default(
    z
      .string()
      .check(z.minLength(minLength, { error: `expected at least ${minLength} characters` })),
    fallback,
  );

export const required = (what: string) =>
  z.string({ error: `required: ${what}` }).check(z.minLength(1, { error: `required: ${what}` }));

/** The word that switches a quota off (QUOTA_*): an explicit choice, never a number like 0. */
export const UNLIMITED = 'unlimited';

/**
 * A quota's limit: a whole number greater than 0, or `unlimited` (any case) for none, read as
 * null. 0 is refused rather than taken to mean "off" or "nothing allowed": either reading would
 * surprise someone.
 */
export const quotaLimit = (fallback: number) =>
  z._default(
    z.pipe(
      z.string({ error: `expected a whole number greater than 0, or ${UNLIMITED}` }),
      z.transform((value: string, ctx): number | null => {
        const text = value.trim().toLowerCase();
        if (text === UNLIMITED) return null;
        const limit = /^\d+$/.test(text) ? Number(text) : NaN;
        if (limit > 0 && Number.isSafeInteger(limit)) return limit;
        ctx.issues.push({
          code: 'custom',
          input: value,
          message: `expected a whole number greater than 0, or ${UNLIMITED} for no limit`,
        });
        return z.NEVER;
      }),
    ),
    fallback,
  );

/** "true"/"false" (also 1/0, yes/no, on/off), default false unless given. */
export const flag = (fallback = false) =>
  z._default(z.stringbool({ error: 'expected true or false' }), fallback);

/**
 * Settings only the embedded default uses. Terraform must not set them on a function; the
 * Terraform contract test reads this list.
 */
export const LOCAL_ONLY_SETTINGS = [
  'S3_ENDPOINT',
  'DYNAMODB_ENDPOINT',
  'NOTIFY_WEBHOOK_URL',
  'LOCAL_MODERATION_MODELS',
] as const;

/** Settings the Lambda runtime sets itself; Terraform must not set them either. */
export const RUNTIME_SETTINGS = ['AWS_REGION'] as const;

/** Where finished images are announced: SNS on AWS; a log (and optional webhook) locally. */
export const notifyEnv = {
  TOPIC_ARN: doc(
    z.optional(
      matching(
        /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/,
        'expected an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)',
      ),
    ),
    'The SNS topic finished images and the daily report are announced to; Terraform sets it to the topic it creates. When unset, messages are logged and POSTed to NOTIFY_WEBHOOK_URL if set.',
  ),
  NOTIFY_WEBHOOK_URL: doc(
    z.optional(z.url({ error: 'expected an http(s) URL' })),
    'Without a topic: where to POST each message (the JSON an HTTPS subscriber of the topic would get), retried; unset, messages are only logged.',
  ),
};

/** Where the table is; the endpoint is only set on the embedded default. */
export const tableEnv = {
  AWS_REGION: doc(nonEmpty('us-east-1'), 'The region of the table, the buckets and the topic.'),
  TABLE_NAME: doc(
    required('the DynamoDB table name'),
    'The DynamoDB table; on AWS Terraform sets it to the one it creates.',
  ),
  DYNAMODB_ENDPOINT: doc(
    z.optional(z.url({ error: 'expected a URL such as http://127.0.0.1:4567' })),
    "The DynamoDB endpoint: npm start points it at its emulator; unset on AWS, where the SDK finds the region's.",
  ),
};

/** Settings the API and the processor share: the table and both buckets. */
export const sharedEnv = {
  ...tableEnv,
  ORIGINALS_BUCKET: doc(
    required('the bucket uploads land in'),
    'The bucket uploads land in; on AWS Terraform sets it to the one it creates.',
  ),
  VARIANTS_BUCKET: doc(
    required('the bucket processed variants are written to'),
    'The bucket processed variants are written to; on AWS Terraform sets it to the one it creates.',
  ),
  S3_ENDPOINT: doc(
    z.optional(z.url({ error: 'expected a URL such as http://127.0.0.1:4569' })),
    'The S3 endpoint: npm start points it at its emulator (or another S3-compatible store); unset on AWS.',
  ),
};

/**
 * How many items each metrics scope's counters are spread over (write sharding): a transactional
 * write of a counter item costs 2 write units and one item takes about 1,000 a second, so the
 * everyone scope, which every image updates, needs roughly one shard per 125 images a second (a
 * ticket and a finished run are each counted) (docs/SCALE.md). Reads sum the shards. Writers and
 * readers must agree: Terraform sets both from one variable; raise them, never lower them (counts
 * on shards past a lowered number are no longer read).
 */
export const metricShardsEnv = {
  METRICS_SHARDS: doc(
    z._default(intBetween(1, 64, 'expected a whole number from 1 to 64'), 8),
    "Items the everyone scope's metric counters are spread over (each about 125 images/s: docs/SCALE.md; raise only).",
  ),
  METRICS_OWNER_SHARDS: doc(
    z._default(intBetween(1, 16, 'expected a whole number from 1 to 16'), 1),
    "Items each owner's metric counters are spread over (raise for an owner above ~125 images/s; raise only).",
  ),
};

/** The CloudWatch namespace of a function's own metrics (Embedded Metric Format). */
export const metricsNamespaceEnv = {
  METRICS_NAMESPACE: doc(
    z._default(
      matching(/^[\w.\-/#:]{1,255}$/, 'expected a CloudWatch namespace, e.g. Darkroom/prod'),
      'Darkroom',
    ),
    "CloudWatch namespace of the functions' own metrics (ImagesProcessed, ClaimsRecovered, …).",
  ),
};

/** The decompression-bomb limit: the processor refuses such uploads, delivery never decodes them. */
export const maxInputPixelsEnv = {
  MAX_INPUT_PIXELS: doc(
    positiveInt(100_000_000),
    'Images with more pixels than this are refused from their header, before anything is decoded, and sharp refuses to decode them (decompression bombs).',
  ),
};

/**
 * Per-owner quotas (src/table/quotas.ts): the API refuses createUpload beyond the first two and
 * answers `quota` with all three; delivery refuses on-demand renders beyond the third. Finite
 * by default, so one caller cannot fill the buckets or run up the bill; `unlimited` switches one
 * off. The defaults sit far above what a person uploads or a site renders in a day.
 */
export const quotaEnv = {
  QUOTA_UPLOADS_PER_DAY: doc(
    quotaLimit(1000),
    `Upload tickets (createUpload) one owner may get per UTC day; beyond it createUpload answers QUOTA_EXCEEDED until the next UTC midnight. A whole number, or \`${UNLIMITED}\`.`,
  ),
  QUOTA_STORED_BYTES: doc(
    quotaLimit(10 * 1024 ** 3),
    `Bytes of originals plus variants one owner may keep (deleteImage gives an image's back); once at or above it createUpload answers QUOTA_EXCEEDED. On-demand renders are not counted. A whole number, or \`${UNLIMITED}\`.`,
    '`10737418240` (10 GiB)',
  ),
  QUOTA_RENDERS_PER_DAY: doc(
    quotaLimit(10_000),
    `On-demand renders (a size or format made for the first time, not a stored one) of one owner's images per UTC day; beyond it delivery answers 429 with Retry-After until the next UTC midnight. A whole number, or \`${UNLIMITED}\`.`,
  ),
};

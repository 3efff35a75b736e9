import * as z from '../model/zod.js';
import type { PresetCatalog } from '../presets/catalog.js';
import { deliveryKeys, transformLimitsEnv } from './delivery.js';
import {
  doc,
  flag,
  matching,
  metricShardsEnv,
  parseEnv,
  positiveInt,
  quotaEnv,
  sharedEnv,
} from './env.js';
import { loadPresets, presetsEnv } from './presets.js';

/** Environment of the GraphQL API function. Keys are the variable names Terraform must set. */
export const apiEnvSchema = z.object({
  ...sharedEnv,
  ...metricShardsEnv,
  ...presetsEnv,
  ...quotaEnv,
  MAX_UPLOAD_BYTES: doc(
    positiveInt(25 * 1024 * 1024),
    "Largest upload a ticket allows: the presigned POST's size limit.",
  ),
  UPLOAD_URL_TTL_SECONDS: doc(
    positiveInt(15 * 60),
    'How long a ticket (its presigned POST) can be used.',
  ),
  ...transformLimitsEnv,
  DELIVERY_BASE_URL: doc(
    z.url({ error: 'expected the http(s) URL delivery URLs start with' }),
    'Where delivery URLs point: the CloudFront distribution (or its custom domain) on AWS, which Terraform sets; npm start sets its own address.',
  ),
  DELIVERY_KEYS: doc(
    deliveryKeys(),
    '`id:secret[,id:secret…]` (secrets of 32+ characters): the first key signs delivery URLs. On AWS Terraform gives the API only the signing key (the edge verifies with every key in its key value store); npm start generates one into DATA_DIR when unset.',
  ),
  DELIVERY_URL_TTL_SECONDS: doc(
    z.optional(
      z.coerce
        .number({ error: 'expected seconds' })
        .check(
          z.int({ error: 'expected a whole number of seconds' }),
          z.positive({ error: 'expected seconds > 0' }),
          z.lte(31_536_000, { error: 'at most a year (31536000 seconds)' }),
        ),
    ),
    'Unset: delivery URLs never expire (public sites; the signature still stops anyone minting new sizes). Set: expiring mode, URLs valid for at least this long (up to a year) and refused without an expiry.',
  ),
  DELIVERY_DISTRIBUTION_ID: doc(
    z.optional(matching(/^[A-Z0-9]{10,20}$/, 'expected a CloudFront distribution id')),
    "On AWS: the distribution whose cache deleteImage invalidates for the image's paths; Terraform sets it. Unset (the embedded default caches nothing): no invalidation.",
  ),
  ALLOW_SVG: doc(flag(), 'Accept image/svg+xml tickets; the processor must allow SVG too.'),
  GRAPHIQL: doc(
    flag(true),
    'Serve GraphiQL to browsers that open GET /graphql. On unless switched off: the embedded default is never production; on AWS Terraform always sets it (off for production stacks).',
  ),
  ADMIN_GROUP: doc(
    z._default(matching(/^[\w+=,.@-]{1,128}$/, 'expected a Cognito group name'), 'admin'),
    "Members of this group (Cognito `cognito:groups`; dev auth `dev:<user>,<group>`) may read everyone's metrics (`metrics(scope: ALL)`) and moderate (`moderationQueue`, `approveImage`, `rejectImage`).",
  ),
});

/** The environment's settings plus what they point at: the presets, read and validated. */
export type ApiConfig = z.infer<typeof apiEnvSchema> & { presets: PresetCatalog };

export interface ApiConfigOptions {
  /**
   * `start-up` (the default): the presets file is read and validated now, and a bad one fails
   * here. `first use`: on the first read of `presets` instead (the same ConfigError, thrown
   * there), for the Lambda, whose presets file `npm run build` validated when it made the zip
   * (scripts/build-presets.ts), and whose requests mostly never look at presets.
   */
  presets?: 'start-up' | 'first use';
}

export function loadApiConfig(
  env: Record<string, string | undefined> = process.env,
  { presets = 'start-up' }: ApiConfigOptions = {},
): ApiConfig {
  const settings = parseEnv(apiEnvSchema, env);
  if (presets === 'start-up') return { ...settings, presets: loadPresets(settings.PRESETS_FILE) };
  let catalog: PresetCatalog | undefined;
  return Object.defineProperty({ ...settings } as ApiConfig, 'presets', {
    get: () => (catalog ??= loadPresets(settings.PRESETS_FILE)),
    enumerable: true,
  });
}

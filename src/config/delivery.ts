import * as z from '../model/zod.js';
import {
  doc,
  matching,
  maxInputPixelsEnv,
  parseEnv,
  positiveInt,
  quotaEnv,
  sharedEnv,
} from './env.js';

/** One delivery signing key: an id (it travels in every URL) and a secret of 32+ characters. */
export interface DeliveryKeyConfig {
  id: string;
  secret: string;
}

const KEY = /^([A-Za-z0-9_-]{1,32}):(.{32,1024})$/;

/** `id:secret[,id:secret…]`: the first key signs, every key verifies. */
export const deliveryKeys = () =>
  z.pipe(
    z.string(),
    z.transform((value: string, ctx): DeliveryKeyConfig[] => {
      const keys: DeliveryKeyConfig[] = [];
      for (const entry of value.split(',')) {
        const m = KEY.exec(entry.trim());
        if (!m) {
          ctx.issues.push({
            code: 'custom',
            input: value,
            message:
              'expected id:secret[,id:secret…] with ids of letters, digits, "-" or "_" (at most 32) and secrets of at least 32 characters (e.g. `openssl rand -base64 32`)',
          });
          return z.NEVER;
        }
        if (keys.some((k) => k.id === m[1])) {
          ctx.issues.push({
            code: 'custom',
            input: value,
            message: `key id "${m[1]}" is given twice`,
          });
          return z.NEVER;
        }
        keys.push({ id: m[1]!, secret: m[2]! });
      }
      return keys;
    }),
  );

/** Limits on what an on-demand URL may ask for: the API signs only these, delivery renders only these. */
export const transformLimitsEnv = {
  DELIVERY_MAX_SIDE: doc(
    positiveInt(4096),
    'Largest side, in pixels after the DPR, of an on-demand render; `transformUrl` refuses more and delivery answers 400.',
  ),
  DELIVERY_SIZES: doc(
    z.optional(
      z.pipe(
        matching(
          /^\s*[1-9]\d{0,4}(\s*,\s*[1-9]\d{0,4})*\s*$/,
          'expected a comma-separated list of widths in pixels, e.g. 320,640,1280',
        ),
        z.transform((value: string) => value.split(',').map((w) => Number(w.trim()))),
      ),
    ),
    'When set, the only widths (and heights) on-demand URLs may ask for, in CSS pixels (e.g. `320,640,960,1280`): a bounded set of renders. Unset: any size within DELIVERY_MAX_SIDE.',
  ),
};

/** Environment of the delivery function (the origin CloudFront fails over to on a miss). */
export const deliveryEnvSchema = z.object({
  ...sharedEnv,
  ...transformLimitsEnv,
  ...maxInputPixelsEnv,
  RENDER_TIMEOUT_SECONDS: doc(
    positiveInt(20),
    'An on-demand render still running after this is abandoned (503); the next request tries again.',
  ),
  // Renders are charged to the image's owner (src/table/quotas.ts); the other quotas are the API's.
  QUOTA_RENDERS_PER_DAY: quotaEnv.QUOTA_RENDERS_PER_DAY,
});

export type DeliveryConfig = z.infer<typeof deliveryEnvSchema>;

export const loadDeliveryConfig = (env: Record<string, string | undefined> = process.env) =>
  parseEnv(deliveryEnvSchema, env);

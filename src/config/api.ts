import { z } from 'zod';
import { flag, parseEnv, positiveInt, sharedEnv } from './env.js';

/** Environment of the GraphQL API function. Keys are the variable names Terraform must set. */
export const apiEnvSchema = z.object({
  ...sharedEnv,
  MAX_UPLOAD_BYTES: positiveInt(25 * 1024 * 1024),
  UPLOAD_URL_TTL_SECONDS: positiveInt(15 * 60),
  DOWNLOAD_URL_TTL_SECONDS: positiveInt(60 * 60),
  /** Accept image/svg+xml tickets; the processor must allow SVG too. */
  ALLOW_SVG: flag(),
});

export type ApiConfig = z.infer<typeof apiEnvSchema>;

export const loadApiConfig = (env: Record<string, string | undefined> = process.env): ApiConfig =>
  parseEnv(apiEnvSchema, env);

import { z } from 'zod';
import type { PresetCatalog } from '../presets/catalog.js';
import { flag, parseEnv, positiveInt, sharedEnv } from './env.js';
import { loadPresets, presetsEnv } from './presets.js';

/** Environment of the GraphQL API function. Keys are the variable names Terraform must set. */
export const apiEnvSchema = z.object({
  ...sharedEnv,
  ...presetsEnv,
  MAX_UPLOAD_BYTES: positiveInt(25 * 1024 * 1024).meta({
    description: "Largest upload a ticket allows: the presigned POST's size limit.",
  }),
  UPLOAD_URL_TTL_SECONDS: positiveInt(15 * 60).meta({
    description: 'How long a ticket (its presigned POST) can be used.',
  }),
  DOWNLOAD_URL_TTL_SECONDS: positiveInt(60 * 60).meta({
    description: 'How long the presigned variant URLs the API hands out stay valid.',
  }),
  ALLOW_SVG: flag().meta({
    description: 'Accept image/svg+xml tickets; the processor must allow SVG too.',
  }),
  GRAPHIQL: flag(true).meta({
    description:
      'Serve GraphiQL to browsers that open GET /graphql. On unless switched off: the embedded default is never production; on AWS Terraform always sets it (off for production stacks).',
  }),
  ADMIN_GROUP: z
    .string()
    .regex(/^[\w+=,.@-]{1,128}$/, { error: 'expected a Cognito group name' })
    .default('admin')
    .meta({
      description:
        "Members of this group (Cognito `cognito:groups`; dev auth `dev:<user>,<group>`) may read everyone's metrics (`metrics(scope: ALL)`).",
    }),
});

/** The environment's settings plus what they point at: the presets, read and validated. */
export type ApiConfig = z.infer<typeof apiEnvSchema> & { presets: PresetCatalog };

export function loadApiConfig(env: Record<string, string | undefined> = process.env): ApiConfig {
  const settings = parseEnv(apiEnvSchema, env);
  return { ...settings, presets: loadPresets(settings.PRESETS_FILE) };
}

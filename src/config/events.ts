import * as z from '../model/zod.js';
import { metricShardsEnv, metricsNamespaceEnv, notifyEnv, parseEnv, tableEnv } from './env.js';

/**
 * Environment of the events function, fed by the table's stream: it counts each transition into
 * the metrics and announces finished images. Keys are the variable names Terraform must set.
 */
export const eventsEnvSchema = z.object({
  ...tableEnv,
  ...notifyEnv,
  ...metricShardsEnv,
  ...metricsNamespaceEnv,
});

export type EventsConfig = z.infer<typeof eventsEnvSchema>;

export const loadEventsConfig = (env: Record<string, string | undefined> = process.env) =>
  parseEnv(eventsEnvSchema, env);

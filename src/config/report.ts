import * as z from '../model/zod.js';
import { metricShardsEnv, notifyEnv, parseEnv, tableEnv } from './env.js';

/** Environment of the daily report function. Keys are the variable names Terraform must set. */
export const reportEnvSchema = z.object({ ...tableEnv, ...notifyEnv, ...metricShardsEnv });

export type ReportConfig = z.infer<typeof reportEnvSchema>;

export const loadReportConfig = (env: Record<string, string | undefined> = process.env) =>
  parseEnv(reportEnvSchema, env);

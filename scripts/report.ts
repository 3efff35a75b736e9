/**
 * `npm run report -- --date YYYY-MM-DD`: prints the daily report the scheduled Lambda publishes,
 * from the embedded default's table. Uses the running stack's DynamoDB emulator when there is one,
 * otherwise opens DATA_DIR itself.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { ConfigError } from '../src/config/env.js';
import { loadLocalConfig, type LocalConfig } from '../src/config/local.js';
import {
  folderCredentials,
  MissingJavaError,
  startDynamoEmulator,
} from '../src/local/dynamodb-emulator.js';
import type { AnnouncementNotifier } from '../src/notify/notifier.js';
import { loadReportConfig } from '../src/config/report.js';
import { createReportHandler } from '../src/report/handler.js';
import { createReportServices } from '../src/report/services.js';
import { createDynamoClient } from '../src/storage/clients.js';
import { MetricsTable, metricShards, utcDay } from '../src/table/metrics.js';
import { dailyReport } from '../src/report/summary.js';

const { values } = parseArgs({
  options: {
    date: { type: 'string' },
    owner: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(`Usage: npm run report -- [--date YYYY-MM-DD] [--owner <user>]

Prints the daily report for one UTC day (default: yesterday) from the embedded default's data,
for every owner or, with --owner, for one.`);
  process.exit(0);
}
if (values.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) {
  console.error(`--date must be YYYY-MM-DD, got "${values.date}"`);
  process.exit(2);
}

process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
let local: LocalConfig;
try {
  local = loadLocalConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}

// The data folder's key id names its database in DynamoDB Local (see src/local/stack.ts).
const tableDir = join(resolve(local.DATA_DIR), 'dynamodb-local');
const credentials = await folderCredentials(tableDir);

async function reachable(endpoint: string): Promise<boolean> {
  const client = new DynamoDBClient({
    endpoint,
    region: local.AWS_REGION,
    credentials,
    maxAttempts: 1,
  });
  try {
    await client.send(new ListTablesCommand({}), { abortSignal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  } finally {
    client.destroy();
  }
}

let endpoint = process.env.DYNAMODB_ENDPOINT ?? `http://${local.HOST}:${local.DYNAMODB_PORT}`;
let stopEmulator: (() => Promise<void>) | undefined;
if (!(await reachable(endpoint))) {
  try {
    const emulator = await startDynamoEmulator({ host: '127.0.0.1', port: 0, directory: tableDir });
    endpoint = emulator.endpoint;
    stopEmulator = () => emulator.close();
  } catch (error) {
    if (!(error instanceof MissingJavaError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
}

const dynamo = createDynamoClient(
  { AWS_REGION: local.AWS_REGION, DYNAMODB_ENDPOINT: endpoint },
  credentials,
);
const config = loadReportConfig({ ...process.env, TABLE_NAME: local.TABLE_NAME });
const metrics = new MetricsTable(dynamo, local.TABLE_NAME, metricShards(config));
try {
  if (values.owner) {
    const day = values.date ?? utcDay(new Date(Date.now() - 24 * 60 * 60 * 1000));
    const [found] = await metrics.readDays(values.owner, day, day);
    const report = found
      ? dailyReport(day, found.counters, `owner ${values.owner}`)
      : { text: `No activity for ${values.owner} on ${day}.\n` };
    process.stdout.write(report.text);
  } else {
    // The same handler the scheduled Lambda runs, with a notifier that prints.
    const printer: AnnouncementNotifier = {
      name: 'stdout',
      publish: () => Promise.resolve(),
      announce: (message) => {
        process.stdout.write(`Subject: ${message.subject}\n\n${message.text}`);
        return Promise.resolve();
      },
    };
    const handler = createReportHandler(
      createReportServices(config, dynamo, { notifier: printer }),
    );
    await handler(values.date ? { date: values.date } : {});
  }
} finally {
  dynamo.destroy();
  await stopEmulator?.();
}

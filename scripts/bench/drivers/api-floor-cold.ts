/**
 * A cold start of the floor (scripts/bench/api-floor.ts, built as the API is) in a fresh Node
 * process, measured as drivers/api-cold.ts measures Darkroom's: import the handler module, then
 * answer one query sent as the same API Gateway (payload 2.0) event; the query asks for the
 * floor's one field.
 *
 *   node api-floor-cold.mjs <handler module> <owner>
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { apiGatewayEvent, lambdaContext, type Handler } from '../api-event.js';
import type { ColdStartResult } from './api-cold.js';

const [modulePath, owner] = process.argv.slice(2);
if (!modulePath || !owner) throw new Error('usage: api-floor-cold <module> <owner>');
const event = apiGatewayEvent(JSON.stringify({ query: 'query { hello }' }), owner);

const started = performance.now();
const { handler } = (await import(pathToFileURL(resolve(modulePath)).href)) as { handler: Handler };
const imported = performance.now();
const response = await handler(event, lambdaContext('darkroom-api-floor'));
const answered = performance.now();

const parsed = JSON.parse(response.body ?? '{}') as { data?: { hello?: string } };
if (response.statusCode !== 200 || parsed.data?.hello !== 'world') {
  console.error(`unexpected answer: ${response.statusCode} ${response.body}`);
  process.exit(1);
}
const result: ColdStartResult = {
  importMs: imported - started,
  queryMs: answered - imported,
  totalMs: answered - started,
  sinceProcessStartMs: answered, // performance.now() counts from the process's time origin
};
console.log(JSON.stringify(result));
process.exit(0);

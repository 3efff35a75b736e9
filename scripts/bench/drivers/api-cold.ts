/**
 * A cold start of the API Lambda in a fresh Node process: import the handler module (the bundle,
 * or the TypeScript source under tsx), then answer one `image` query, as API Gateway would send
 * it. The handler reads its settings from the environment, pointed at the local emulators.
 *
 *   node api-cold.mjs <handler module> <image id> <owner>
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { apiGatewayEvent, IMAGE_QUERY, lambdaContext, type Handler } from '../api-event.js';

export interface ColdStartResult {
  importMs: number;
  queryMs: number;
  /** import + first query */
  totalMs: number;
  /** From the process's own start (Node's bootstrap included) to the answer. */
  sinceProcessStartMs: number;
}

const [modulePath, imageId, owner] = process.argv.slice(2);
if (!modulePath || !imageId || !owner)
  throw new Error('usage: api-cold <module> <image id> <owner>');

const event = apiGatewayEvent(
  JSON.stringify({ query: IMAGE_QUERY, variables: { id: imageId } }),
  owner,
);
const context = lambdaContext('darkroom-api');

const started = performance.now();
const { handler } = (await import(pathToFileURL(resolve(modulePath)).href)) as { handler: Handler };
const imported = performance.now();
const response = await handler(event, context);
const answered = performance.now();

const parsed = JSON.parse(response.body ?? '{}') as { data?: { image?: { id?: string } } };
if (response.statusCode !== 200 || parsed.data?.image?.id !== imageId) {
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
// The SDK keeps connections alive; a Lambda would be frozen here, this process just ends.
process.exit(0);

/**
 * A cold start of the floor (scripts/bench/api-floor.ts, built as the API is) in a fresh Node
 * process, measured as drivers/api-cold.ts measures Darkroom's: import the handler module, then
 * answer one query sent as the same API Gateway (payload 2.0) event; the query asks for the
 * floor's one field.
 *
 *   node api-floor-cold.mjs <handler module> <owner>
 */
import { apiGatewayEvent, lambdaContext, measureColdStart } from '../api-event.js';

const [modulePath, owner] = process.argv.slice(2);
if (!modulePath || !owner) throw new Error('usage: api-floor-cold <module> <owner>');

await measureColdStart(
  modulePath,
  apiGatewayEvent(JSON.stringify({ query: 'query { hello }' }), owner),
  lambdaContext('darkroom-api-floor'),
  (data) => (data as { hello?: string } | undefined)?.hello === 'world',
);

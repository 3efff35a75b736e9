/**
 * A cold start of the API Lambda in a fresh Node process: import the handler module (the bundle,
 * or the TypeScript source under tsx), then answer one `image` query, as API Gateway would send
 * it. The handler reads its settings from the environment, pointed at the local emulators.
 *
 *   node api-cold.mjs <handler module> <image id> <owner>
 */
import { apiGatewayEvent, IMAGE_QUERY, lambdaContext, measureColdStart } from '../api-event.js';

export type { ColdStartResult } from '../api-event.js';

const [modulePath, imageId, owner] = process.argv.slice(2);
if (!modulePath || !imageId || !owner)
  throw new Error('usage: api-cold <module> <image id> <owner>');

await measureColdStart(
  modulePath,
  apiGatewayEvent(JSON.stringify({ query: IMAGE_QUERY, variables: { id: imageId } }), owner),
  lambdaContext('darkroom-api'),
  (data) => (data as { image?: { id?: string } } | undefined)?.image?.id === imageId,
);

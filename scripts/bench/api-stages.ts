/**
 * Where the API Lambda's cold start goes, step by step: the floor (Apollo Server and its Lambda
 * integration), then each part of Darkroom's handler in the order src/api/lambda.ts needs them,
 * then the first query. Built with scripts/build.ts's buildOne as the API is, so each step's new
 * modules are chunks of their own, read when the step imports them; a step's time is reading,
 * compiling and running them. The benchmark runs it in a fresh `node` (index.mjs, as Lambda
 * loads a function) with the API's settings and prints what it measured:
 *
 *   node index.mjs <image id> <owner>   →  [{ "step": "...", "ms": 12.3 }, …]
 *
 * Shared modules count toward the first step that loads them, so shares are approximate.
 */
import { apiGatewayEvent, IMAGE_QUERY, lambdaContext, type Handler } from './api-event.js';

const [imageId, owner] = process.argv.slice(2);
if (!imageId || !owner) throw new Error('usage: api-stages <image id> <owner>');
const event = apiGatewayEvent(
  JSON.stringify({ query: IMAGE_QUERY, variables: { id: imageId } }),
  owner,
);

const STEPS = [
  'the floor: Apollo Server, its Lambda integration, a one-field server',
  'settings: zod and the settings schemas, the environment parsed',
  'logger (Powertools)',
  'DynamoDB: the SDK client and the table modules',
  'GraphQL modules: type definitions, resolvers, graphql-armor, graphql-scalars',
  "the handler: Darkroom's Apollo Server (its schema built) and services",
  'the first query',
] as const;

const steps: { step: string; ms: number }[] = [];
let last = performance.now();
const done = (step: (typeof STEPS)[number]) => {
  const now = performance.now();
  steps.push({ step, ms: now - last });
  last = now;
};

await import('./api-floor.js');
done(STEPS[0]);
const { loadApiConfig } = await import('../../src/config/api.js');
const config = loadApiConfig(process.env, { presets: 'first use' });
done(STEPS[1]);
const { createLogger } = await import('../../src/observability/logger.js');
createLogger('darkroom-api');
done(STEPS[2]);
const { createDynamoClient } = await import('../../src/storage/dynamo.js');
await Promise.all([import('../../src/table/images.js'), import('../../src/table/metrics.js')]);
createDynamoClient(config);
done(STEPS[3]);
await import('../../src/api/server.js');
done(STEPS[4]);
const { handler } = (await import('../../src/api/lambda.js')) as { handler: Handler };
done(STEPS[5]);
const response = await handler(event, lambdaContext('darkroom-api'));
done(STEPS[6]);

const parsed = JSON.parse(response.body ?? '{}') as { data?: { image?: { id?: string } } };
if (response.statusCode !== 200 || parsed.data?.image?.id !== imageId) {
  console.error(`unexpected answer: ${response.statusCode} ${response.body}`);
  process.exit(1);
}
console.log(JSON.stringify(steps));
process.exit(0);

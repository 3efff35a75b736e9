import { handlers, startServerAndCreateLambdaHandler } from '@as-integrations/aws-lambda';
import type { ApolloServer } from '@apollo/server' with { 'resolution-mode': 'require' };
import type { ApiContext } from './context.js';
import type { ApiServices } from './services.js';
import { ownerFromEvent } from './owner.js';
import { createApolloServer } from './server.js';

/** The API's Lambda handler (API Gateway HTTP API, payload 2.0), shared by both homes. */
export function createApiHandler(services: ApiServices) {
  // The integration ships CommonJS types only, so TypeScript sees @apollo/server's CJS and ESM
  // declarations of ApolloServer as unrelated classes; at run time it calls public methods on this
  // one instance, whichever build it was constructed from.
  const server = createApolloServer(services.logger) as unknown as ApolloServer<ApiContext>;
  return startServerAndCreateLambdaHandler(
    server,
    handlers.createAPIGatewayProxyEventV2RequestHandler(),
    { context: ({ event }) => Promise.resolve({ ...services, owner: ownerFromEvent(event) }) },
  );
}

export type ApiHandler = ReturnType<typeof createApiHandler>;

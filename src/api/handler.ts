import { handlers, startServerAndCreateLambdaHandler } from '@as-integrations/aws-lambda';
import type { ApolloServer } from '@apollo/server' with { 'resolution-mode': 'require' };
import type { ApiContext } from './context.js';
import { createLoaders } from './loaders.js';
import type { createGraphiqlResponder, GraphiqlOptions } from './graphiql.js';
import type { ApiServices } from './services.js';
import { groupsFromEvent, ownerFromEvent } from './owner.js';
import { createApolloServer } from './server.js';

/**
 * The API's Lambda handler (API Gateway HTTP API, payload 2.0), shared by both homes. With
 * `graphiql` given and the GRAPHIQL setting on, a browser opening GET /graphql gets GraphiQL.
 */
export function createApiHandler(services: ApiServices, graphiql?: GraphiqlOptions) {
  // The integration ships CommonJS types only, so TypeScript sees @apollo/server's CJS and ESM
  // declarations of ApolloServer as unrelated classes; at run time it calls public methods on this
  // one instance, whichever build it was constructed from.
  const server = createApolloServer(services.logger) as unknown as ApolloServer<ApiContext>;
  const graphql = startServerAndCreateLambdaHandler(
    server,
    handlers.createAPIGatewayProxyEventV2RequestHandler(),
    {
      context: ({ event }) =>
        Promise.resolve({
          ...services,
          owner: ownerFromEvent(event),
          admin: groupsFromEvent(event).includes(services.config.ADMIN_GROUP),
          loaders: createLoaders(services),
        }),
    },
  );
  if (!graphiql || !services.config.GRAPHIQL) return graphql;

  // Only a GET can be a browser opening the page: the responder (and the page) load on the first.
  let page: Promise<ReturnType<typeof createGraphiqlResponder>> | undefined;
  const responder = () => {
    if (!page) {
      page = import('./graphiql.js').then((m) => m.createGraphiqlResponder(graphiql));
      page.catch(() => (page = undefined));
    }
    return page;
  };
  // Lambda's Handler type allows `void`; the integration's handler always resolves to a result.
  const handler: typeof graphql = async (event, context, callback) =>
    (event.requestContext.http.method === 'GET' ? await (await responder())(event) : undefined) ??
    (await graphql(event, context, callback))!;
  return handler;
}

export type ApiHandler = ReturnType<typeof createApiHandler>;

/**
 * The floor of the API Lambda's cold start: the smallest Apollo Server handler on
 * @as-integrations/aws-lambda, one field and nothing else. scripts/bench/sections/api-lambda.ts
 * builds it with scripts/build.ts's own buildOne (the same esbuild options, plugins, banner and
 * index.mjs loader as the API) and starts it cold beside Darkroom's, with the same event
 * (drivers/api-floor-cold.ts). What Darkroom's handler costs above it is Darkroom's own.
 */
import { ApolloServer } from '@apollo/server';
import type { ApolloServer as CommonJsApolloServer } from '@apollo/server' with {
  'resolution-mode': 'require',
};
import { handlers, startServerAndCreateLambdaHandler } from '@as-integrations/aws-lambda';

const server = new ApolloServer({
  typeDefs: 'type Query { hello: String! }',
  resolvers: { Query: { hello: () => 'world' } },
});

export const handler = startServerAndCreateLambdaHandler(
  // The integration ships CommonJS types only (src/api/handler.ts says more).
  server as unknown as CommonJsApolloServer,
  handlers.createAPIGatewayProxyEventV2RequestHandler(),
);

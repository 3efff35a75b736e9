import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { unwrapResolverError } from '@apollo/server/errors';
import { addResolversToSchema } from '@graphql-tools/schema';
import { buildASTSchema, parse, type GraphQLSchema } from 'graphql';
import type { Logger } from '../observability/logger.js';
import { typeDefs } from '../schema/generated/type-defs.js';
import type { ApiContext } from './context.js';
import { resolvers } from './resolvers/index.js';
import { QUERY_LIMITS, queryLimits } from './limits.js';

/**
 * graphql-js appends "Did you mean …?" to errors for a misspelt field, argument, type or enum
 * value, in validation and in variable coercion alike. graphql-armor masks only validation's
 * field suggestions (`Did you mean "x"?`, not `Did you mean the enum value "X"?`), so every error
 * answered passes through here too, and the API keeps the README's promise that it suggests
 * nothing (the same rule as QUERY_LIMITS' blockFieldSuggestion, whatever the phase).
 */
export const withoutSuggestions = (message: string) =>
  message.replace(/\s*Did you mean [^?]*\?/g, '').replace(/\s*\[Suggestion hidden\]/g, '');

/**
 * The executable schema: the type definitions with the resolvers put on them in place. Apollo's
 * own `typeDefs` + `resolvers` path (makeExecutableSchema) validates the SDL again and rebuilds
 * the whole schema to attach resolvers, about half of the API's schema-building time at a cold
 * start. The SDL is generated and validated by `npm run codegen` (test/unit/schema.test.ts builds
 * it with every check on); addResolversToSchema still refuses a resolver for a type or field the
 * schema lacks, and Apollo still validates the schema it is given.
 */
export function executableSchema(): GraphQLSchema {
  const schema = buildASTSchema(parse(typeDefs), { assumeValidSDL: true });
  return addResolversToSchema({ schema, resolvers, updateResolversInPlace: true });
}

/**
 * The Apollo server both homes run. Unexpected errors are logged in full and answered with a
 * generic message, so internals (table names, stack traces) never reach callers.
 */
export function createApolloServer(logger: Logger): ApolloServer<ApiContext> {
  const limits = queryLimits();
  return new ApolloServer<ApiContext>({
    schema: executableSchema(),
    // The schema is public (GraphiQL and typed clients are built from it); data is not.
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // Apollo's CSRF prevention stays on (the default): GET and simple POSTs need a header.
    // The default landing page loads from a CDN; the API must work offline.
    plugins: [
      // Typed for BaseContext; they never read the context, so any context type is fine.
      ...(limits.plugins as ApolloServerPlugin<ApiContext>[]),
      ApolloServerPluginLandingPageDisabled(),
      // Nothing reports to Apollo's cloud, even with APOLLO_KEY set: the build stubs its protobuf.
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
    ],
    validationRules: limits.validationRules,
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
    allowBatchedHttpRequests: false,
    formatError: (formatted, error) => {
      if (formatted.extensions?.code !== ApolloServerErrorCode.INTERNAL_SERVER_ERROR) {
        return { ...formatted, message: withoutSuggestions(formatted.message) };
      }
      logger.error('unexpected error in a request', { error: unwrapResolverError(error) as Error });
      return {
        message: 'Internal server error',
        extensions: { code: ApolloServerErrorCode.INTERNAL_SERVER_ERROR },
        ...(formatted.path ? { path: formatted.path } : {}),
      };
    },
  });
}

import { ApolloArmor } from '@escape.tech/graphql-armor';

/**
 * What one GraphQL request may ask for, checked before anything runs (graphql-armor). Far above
 * what any real query of this schema needs (its deepest, images → edges → node → faces →
 * landmarks, is 5 levels) and the GraphiQL introspection query, far below what would let one
 * request tie up a Lambda.
 */
export const QUERY_LIMITS = {
  maxDepth: 10,
  maxAliases: 15,
  maxDirectives: 20,
  maxTokens: 2000,
  maxCost: 5000,
} as const;

/**
 * Apollo plugins and validation rules enforcing QUERY_LIMITS. Field suggestions ("Did you mean
 * …?") are blocked too: they would let anyone probe the schema through error messages.
 */
export function queryLimits() {
  return new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth, ignoreIntrospection: true },
    maxAliases: { n: QUERY_LIMITS.maxAliases },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives },
    // graphql's own parser enforces the token limit (parseOptions in server.ts): armor's
    // replacement parser turned every syntax error into an HTTP 500.
    maxTokens: { enabled: false },
    costLimit: { maxCost: QUERY_LIMITS.maxCost },
    blockFieldSuggestion: { enabled: true },
  }).protect();
}

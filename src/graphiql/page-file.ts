/**
 * The contract between the GraphiQL page's build (./build.ts, which needs esbuild) and the API
 * that serves the page (src/resolvers/graphiql.ts, which must not): kept apart so the API
 * Lambda's bundle never pulls in the builder.
 */

/** The page's file name next to the API handler in dist/api/ (and so in api.zip). */
export const GRAPHIQL_PAGE_FILE = 'graphiql.html';

/** Stands in the built page for the auth scheme the server fills in (`dev` or `jwt`). */
export const AUTH_PLACEHOLDER = '__DARKROOM_GRAPHIQL_AUTH__';

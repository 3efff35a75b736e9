import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { OnResolveArgs, OnResolveResult, Plugin, PluginBuild } from 'esbuild';

/**
 * esbuild plugins that leave out of the Lambda bundles code that is reachable on paper but never
 * runs in these functions. Each one is narrow: it matches one import of one package.
 */

/**
 * zod registers its English messages by default, and nothing here reads `z.locales`; but zod
 * re-exports all of its ~50 locales as a namespace (`export * as locales`), which esbuild cannot
 * tree-shake, so every locale lands in the bundle (~250 kB). This resolves zod's own import of
 * its locale index to one that exports English only. `z.locales.en()` still works; any other
 * locale would be undefined.
 */
export const zodEnglishOnly: Plugin = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)
        ? { path: join(dirname(args.importer), '..', 'locales', 'index.js'), namespace: 'zod-en' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-en' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(join(dirname(args.path), 'en.js'))};`,
      resolveDir: dirname(args.path),
    }));
  },
};

/**
 * Apollo Server always imports its usage-reporting and inline-trace plugins, which need the
 * protobuf encoder of Apollo GraphOS's report format (~210 kB). They only run with an APOLLO_KEY
 * (usage reporting) or in a federated subgraph (inline traces); this API is neither, and no
 * setting of ours turns them on. The package is replaced by a stub whose every use throws, with
 * this explanation, so that turning either on fails loudly rather than oddly. esbuild fails the
 * build if Apollo imports a name the stub lacks.
 */
export const withoutApolloUsageReporting: Plugin = {
  name: 'without-apollo-usage-reporting',
  setup(build) {
    build.onResolve({ filter: /^@apollo\/usage-reporting-protobuf$/ }, () => ({
      path: 'usage-reporting-protobuf',
      namespace: 'apollo-stub',
    }));
    build.onLoad({ filter: /.*/, namespace: 'apollo-stub' }, () => ({
      contents: [
        'const fail = () => {',
        "  throw new Error('Apollo usage reporting and inline tracing are not in this bundle " +
          "(scripts/build-plugins.ts): leave APOLLO_KEY unset; this API is not a federated subgraph.');",
        '};',
        'const stub = new Proxy(function () {}, { get: fail, apply: fail, construct: fail });',
        'export const Trace = stub;',
        'export const Report = stub;',
        'export const ReportHeader = stub;',
        'export const google = stub;',
      ].join('\n'),
    }));
  },
};

const AGAIN = Symbol('resolved by one-copy-of-dual-packages');

/** esbuild's own resolution of `args.path`, as if imported the way `kind` says. */
async function resolveAs(
  build: PluginBuild,
  args: OnResolveArgs,
  kind: OnResolveArgs['kind'],
): Promise<OnResolveResult> {
  const found = await build.resolve(args.path, {
    kind,
    importer: args.importer,
    resolveDir: args.resolveDir,
    pluginData: AGAIN,
  });
  if (found.errors.length > 0) return { errors: found.errors };
  return {
    path: found.path,
    namespace: found.namespace,
    external: found.external,
    sideEffects: found.sideEffects,
  };
}

/**
 * Packages shipped both as ES modules and as CommonJS end up in a bundle twice when some
 * importers get one and some the other. Here that happens twice:
 * - @apollo/server: our code imports its ES build, @as-integrations/aws-lambda (CommonJS)
 *   requires its CommonJS build, and each brings its own @graphql-tools copy (~170 kB in all).
 *   The integration only uses `HeaderMap` from it; it gets the ES build too.
 * - graphql: `mainFields: module` resolves `graphql` to its .mjs files, but a deep import such
 *   as graphql-armor's `graphql/language/parser` resolves to the .js file beside it, so the
 *   bundle has two GraphQLError classes and `instanceof` fails across them. Deep imports are
 *   pointed at the .mjs file.
 */
export const oneCopyOfDualPackages: Plugin = {
  name: 'one-copy-of-dual-packages',
  setup(build) {
    build.onResolve({ filter: /^@apollo\/server(\/|$)/ }, (args) =>
      args.kind === 'require-call' && args.pluginData !== AGAIN
        ? resolveAs(build, args, 'import-statement')
        : undefined,
    );
    build.onResolve({ filter: /^graphql\/./ }, async (args) => {
      if (args.pluginData === AGAIN) return undefined;
      const found = await resolveAs(build, args, args.kind);
      const mjs = found.path?.replace(/\.js$/, '.mjs');
      return mjs && mjs !== found.path && existsSync(mjs) ? { ...found, path: mjs } : found;
    });
  },
};

/**
 * Importing `node:http` as an ES module makes Node build the module's ESM facade, which reads
 * every export, and three of them (WebSocket, CloseEvent, MessageEvent) are getters that load
 * Node's whole fetch implementation (undici, ~70 internal modules). The AWS SDK's HTTP handler
 * imports `node:http` on a client's first request, so that request paid ~20 ms for undici, which
 * nothing here uses. Here `node:http` imported with `import` (static or dynamic) is taken with
 * `require` instead (the bundle's banner provides it): the same module object, its getters left
 * alone. Other built-ins are left as they are: `require` in place of their facades measured
 * slower.
 */
export const httpWithoutEsmFacade: Plugin = {
  name: 'http-without-esm-facade',
  setup(build) {
    build.onResolve({ filter: /^(node:)?http$/ }, (args) =>
      args.kind === 'import-statement' || args.kind === 'dynamic-import'
        ? { path: 'node:http', namespace: 'http-require' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'http-require' }, () => ({
      contents: "module.exports = require('node:http');",
      loader: 'js',
    }));
  },
};

import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql ships both an ES module (its "module" field, which Vite prefers) and CommonJS (its
    // "main", which Node loads for Apollo and graphql-tools). Two copies refuse each other's
    // schemas, so tests use the one Node, and so the embedded default and the bundle, use.
    alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve('graphql') }],
  },
  test: {
    // `npm test` runs the default project; `npm run test:load` the chaos run at full size, kept
    // apart for its three minutes (CI runs both).
    projects: [
      {
        extends: true,
        test: { name: 'default', include: ['test/**/*.test.ts'], exclude: ['test/load/**'] },
      },
      { extends: true, test: { name: 'load', include: ['test/load/**/*.test.ts'] } },
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration suites start emulators and sharp uses native threads: forks isolate both cleanly.
    pool: 'forks',
    globalSetup: ['test/helpers/dynamodb-local.setup.ts'],
  },
});

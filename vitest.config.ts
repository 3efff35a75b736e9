import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration suites start emulators and sharp uses native threads: forks isolate both cleanly.
    pool: 'forks',
    globalSetup: ['test/helpers/dynamodb-local.setup.ts'],
  },
});

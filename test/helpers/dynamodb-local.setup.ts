import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startDynamoEmulator } from '../../src/local/dynamodb-emulator.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** One DynamoDB Local for the whole run; each test stack has its own database in it. */
    dynamodbEndpoint: string;
  }
}

/**
 * Starts one DynamoDB Local (in memory) for every test file: a JVM start costs seconds, a new
 * database in a running one nothing. Stacks keep apart by their data folders' random key ids.
 */
export default async function setup(project: TestProject) {
  const directory = await mkdtemp(join(tmpdir(), 'darkroom-dynamodb-'));
  const emulator = await startDynamoEmulator({
    host: '127.0.0.1',
    port: 0,
    directory,
    inMemory: true,
  });
  project.provide('dynamodbEndpoint', emulator.endpoint);
  return async () => {
    await emulator.close();
    await rm(directory, { recursive: true, force: true });
  };
}

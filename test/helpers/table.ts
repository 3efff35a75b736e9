import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { ensureTable, folderCredentials } from '../../src/local/dynamodb-emulator.js';

/**
 * A table of its own in the run's DynamoDB Local (a fresh key id, so a fresh database), made as
 * the embedded default makes it: for tests of the table layer without a whole stack.
 */
export async function freshTable(tableName = 'darkroom') {
  const directory = await mkdtemp(join(tmpdir(), 'darkroom-table-'));
  const credentials = await folderCredentials(directory);
  const endpoint = inject('dynamodbEndpoint');
  const client = (maxAttempts?: number) =>
    DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint,
        region: 'us-east-1',
        credentials,
        ...(maxAttempts ? { maxAttempts } : {}),
      }),
      { marshallOptions: { removeUndefinedValues: true } },
    );
  const admin = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials });
  const streamArn = await ensureTable(admin, tableName);
  admin.destroy();
  return {
    endpoint,
    credentials,
    tableName,
    streamArn,
    directory,
    /** A new document client of this table (the caller destroys it). */
    client,
    dispose: () => rm(directory, { recursive: true, force: true }),
  };
}

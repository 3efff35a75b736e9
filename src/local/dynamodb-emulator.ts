import type { AddressInfo } from 'node:net';
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { TABLE_KEYS } from '../table/layout.js';
import { closeServer } from './s3-emulator.js';

/** dynalite ignores credentials, but the SDK insists on having some. */
export const LOCAL_DYNAMODB_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export interface DynamoEmulator {
  endpoint: string;
  close(): Promise<void>;
}

/** dynalite (DynamoDB protocol) on loopback, its LevelDB store in `directory`. */
export async function startDynamoEmulator(options: {
  host: string;
  port: number;
  directory: string;
}): Promise<DynamoEmulator> {
  const server = dynalite({ path: options.directory, createTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(options.port, options.host, resolve));
  const { port } = server.address() as AddressInfo;
  return { endpoint: `http://${options.host}:${port}`, close: () => closeServer(server) };
}

/**
 * Creates the table with the same keys and index Terraform declares, unless it exists already.
 * (dynalite has no TTL support; abandoned tickets simply stay until deleted.)
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  const { partitionKey, sortKey, ownerIndex, leaseIndex } = TABLE_KEYS;
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          ...[partitionKey, sortKey, ownerIndex.partitionKey, ownerIndex.sortKey].map((name) => ({
            AttributeName: name,
            AttributeType: 'S' as const,
          })),
          { AttributeName: leaseIndex.partitionKey, AttributeType: 'S' },
          { AttributeName: leaseIndex.sortKey, AttributeType: 'N' },
        ],
        KeySchema: [
          { AttributeName: partitionKey, KeyType: 'HASH' },
          { AttributeName: sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: ownerIndex.name,
            KeySchema: [
              { AttributeName: ownerIndex.partitionKey, KeyType: 'HASH' },
              { AttributeName: ownerIndex.sortKey, KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
          {
            IndexName: leaseIndex.name,
            KeySchema: [
              { AttributeName: leaseIndex.partitionKey, KeyType: 'HASH' },
              { AttributeName: leaseIndex.sortKey, KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'KEYS_ONLY' },
          },
        ],
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName: tableName });
  await checkLeaseIndex(client, tableName);
}

/** The data folder holds something this version cannot use; the message says what to do. */
export class StaleDataError extends Error {
  override name = 'StaleDataError';
}

/**
 * A `.data/` folder made by a version before the sweep has a table without the lease index, and
 * dynalite cannot add an index to an existing table: say so rather than fail later, obscurely.
 */
async function checkLeaseIndex(client: DynamoDBClient, tableName: string): Promise<void> {
  const { leaseIndex } = TABLE_KEYS;
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  if (Table?.GlobalSecondaryIndexes?.some((index) => index.IndexName === leaseIndex.name)) return;
  throw new StaleDataError(
    `The local table "${tableName}" was made by an older Darkroom and lacks the "${leaseIndex.name}" index. ` +
      'Move or delete the data folder (DATA_DIR, default .data/) to start afresh.',
  );
}

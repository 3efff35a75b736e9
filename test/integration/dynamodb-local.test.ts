import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import {
  ensureTable,
  findJava,
  folderCredentials,
  MissingJavaError,
  startDynamoEmulator,
} from '../../src/local/dynamodb-emulator.js';
import { TABLE_KEYS } from '../../src/table/layout.js';

describe('the embedded table (DynamoDB Local)', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'darkroom-ddb-'));
  });
  afterAll(() => rm(directory, { recursive: true, force: true }));

  it('adds the indexes and the stream an older Darkroom did not make, keeping the data', async () => {
    const credentials = await folderCredentials(join(directory, 'upgrade'));
    const client = new DynamoDBClient({
      endpoint: inject('dynamodbEndpoint'),
      region: 'us-east-1',
      credentials,
    });
    // The table as the first versions made it: the owner index only, no stream.
    await client.send(
      new CreateTableCommand({
        TableName: 'darkroom',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: ['pk', 'sk', 'gsi1pk', 'gsi1sk'].map((name) => ({
          AttributeName: name,
          AttributeType: 'S',
        })),
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: TABLE_KEYS.ownerIndex.name,
            KeySchema: [
              { AttributeName: 'gsi1pk', KeyType: 'HASH' },
              { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
      }),
    );
    const key = { pk: { S: 'IMG#old' }, sk: { S: 'IMAGE' } };
    await client.send(new PutItemCommand({ TableName: 'darkroom', Item: key }));

    const streamArn = await ensureTable(client, 'darkroom');
    const { Table } = await client.send(new DescribeTableCommand({ TableName: 'darkroom' }));
    expect(Table!.GlobalSecondaryIndexes!.map((i) => [i.IndexName, i.IndexStatus]).sort()).toEqual([
      [TABLE_KEYS.leaseIndex.name, 'ACTIVE'],
      [TABLE_KEYS.ownerIndex.name, 'ACTIVE'],
      [TABLE_KEYS.reviewIndex.name, 'ACTIVE'],
      [TABLE_KEYS.reviewDueIndex.name, 'ACTIVE'],
    ]);
    expect(Table!.StreamSpecification).toEqual({
      StreamEnabled: true,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    });
    expect(streamArn).toBe(Table!.LatestStreamArn);
    const { Item } = await client.send(new GetItemCommand({ TableName: 'darkroom', Key: key }));
    expect(Item).toEqual(key);
    // Run again, as every start does: nothing to change, same stream.
    expect(await ensureTable(client, 'darkroom')).toBe(streamArn);
    client.destroy();
  });

  it('says in one line what to install when there is no Java', () => {
    expect(() => findJava({ JAVA_HOME: join(directory, 'no-such-jdk') })).toThrow(
      new MissingJavaError(
        'The embedded table (DynamoDB Local) needs Java: install a Java 17+ runtime (Debian/Ubuntu: apt-get install openjdk-17-jre-headless; macOS: brew install openjdk@17) or set JAVA_HOME.',
      ),
    );
  });

  it('runs its own, keeps the data across restarts, and leaves nothing listening when closed', async () => {
    const folder = join(directory, 'own');
    const write = async () => {
      const emulator = await startDynamoEmulator({ host: '127.0.0.1', port: 0, directory: folder });
      const client = new DynamoDBClient({
        endpoint: emulator.endpoint,
        region: 'us-east-1',
        credentials: emulator.credentials,
      });
      return { emulator, client };
    };
    const first = await write();
    await ensureTable(first.client, 'darkroom');
    const key = { pk: { S: 'IMG#kept' }, sk: { S: 'IMAGE' } };
    await first.client.send(new PutItemCommand({ TableName: 'darkroom', Item: key }));
    first.client.destroy();
    await first.emulator.close();
    const gone = new DynamoDBClient({
      endpoint: first.emulator.endpoint,
      region: 'us-east-1',
      credentials: first.emulator.credentials,
      maxAttempts: 1,
    });
    await expect(gone.send(new ListTablesCommand({}))).rejects.toThrow();
    gone.destroy();

    const second = await write();
    expect(second.emulator.credentials).toEqual(first.emulator.credentials);
    const { Item } = await second.client.send(
      new GetItemCommand({ TableName: 'darkroom', Key: key }),
    );
    expect(Item).toEqual(key);
    second.client.destroy();
    await second.emulator.close();
  }, 60_000);
});

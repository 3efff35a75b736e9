import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { S3EventRecord } from 'aws-lambda';
import type { LocalConfig } from '../config/local.js';
import {
  folderCredentials,
  startDynamoEmulator,
  type DynamoEmulator,
} from './dynamodb-emulator.js';
import type { LocalAccess } from './iam-policy.js';
import { folderS3Credentials, type S3Credentials } from './s3-credentials.js';
import { startS3Emulator, type S3Emulator } from './s3-emulator.js';

/** The embedded default's storage: the S3 emulator and DynamoDB Local, on one data folder. */
export interface LocalStorage {
  s3: S3Emulator;
  /** DynamoDB Local itself (the stack puts its authorising front before it). */
  dynamo: DynamoEmulator;
  close(): Promise<void>;
}

/** The only key pair the data folder's S3 endpoint accepts: random, kept in the folder. */
export const dataFolderS3Credentials = (dataDir: string) =>
  folderS3Credentials(join(dataDir, 's3-credentials.json'));

/**
 * Starts both emulators at once (the S3 emulator while DynamoDB Local's JVM boots), or uses a
 * DynamoDB Local already running (`dynamodbEndpoint`; the tests share one): either way the
 * folder's random key id picks its database. A failed start leaves no port held.
 */
export async function startLocalStorage(options: {
  local: LocalConfig;
  dataDir: string;
  s3Credentials: S3Credentials;
  dynamodbEndpoint?: string | undefined;
  principals?: { keys: S3Credentials[]; access: LocalAccess };
  onObjectCreated?: (record: S3EventRecord) => void;
}): Promise<LocalStorage> {
  const { local, dataDir } = options;
  await mkdir(join(dataDir, 's3'), { recursive: true });
  const tableDir = join(dataDir, 'dynamodb-local');
  const dynamoStarting = options.dynamodbEndpoint
    ? folderCredentials(tableDir).then((credentials) => ({
        endpoint: options.dynamodbEndpoint!,
        credentials,
        close: () => Promise.resolve(),
      }))
    : startDynamoEmulator({
        host: local.HOST,
        port: local.DYNAMODB_PORT,
        directory: tableDir,
        inMemory: local.DYNAMODB_IN_MEMORY,
      });
  const s3Starting = startS3Emulator({
    host: local.HOST,
    port: local.S3_PORT,
    directory: join(dataDir, 's3'),
    region: local.AWS_REGION,
    buckets: [local.ORIGINALS_BUCKET, local.VARIANTS_BUCKET],
    credentials: options.s3Credentials,
    ...(options.principals ? { principals: options.principals } : {}),
    onObjectCreated: options.onObjectCreated ?? (() => undefined),
  });
  const [dynamoStarted, s3Started] = await Promise.allSettled([dynamoStarting, s3Starting]);
  if (dynamoStarted.status === 'rejected' || s3Started.status === 'rejected') {
    if (dynamoStarted.status === 'fulfilled') await dynamoStarted.value.close();
    if (s3Started.status === 'fulfilled') await s3Started.value.close();
    throw dynamoStarted.status === 'rejected'
      ? dynamoStarted.reason
      : (s3Started as PromiseRejectedResult).reason;
  }
  const dynamo = dynamoStarted.value;
  const s3 = s3Started.value;
  return { s3, dynamo, close: () => Promise.all([s3.close(), dynamo.close()]).then(() => {}) };
}

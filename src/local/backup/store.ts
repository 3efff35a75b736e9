/** The data folder's storage, opened for a backup or a restore: locked, emulators started. */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { loadLocalConfig } from '../../config/local.js';
import { lockDataFolder } from '../data-lock.js';
import { dataFolderS3Credentials, startLocalStorage } from '../storage.js';
import type { BucketRole } from './folder.js';

export interface StoreClients {
  s3: S3Client;
  /** The low-level client: items move as DynamoDB holds them, types and all. */
  dynamo: DynamoDBClient;
  table: string;
  buckets: Record<BucketRole, string>;
  dataDir: string;
}

export interface OpenStore extends StoreClients {
  close(): Promise<void>;
}

/**
 * Takes the data folder (refused while `npm start` or another backup or restore holds it) and
 * starts its emulators on free ports, with nothing listening for uploads: a restore's originals
 * are not processed again. The clients sign with the folder's own keys, which may do anything.
 */
export async function openStore(
  env: Record<string, string | undefined>,
  purpose: string,
): Promise<OpenStore> {
  const local = loadLocalConfig({ ...env, PORT: '0', S3_PORT: '0', DYNAMODB_PORT: '0' });
  const dataDir = resolve(local.DATA_DIR);
  await mkdir(dataDir, { recursive: true });
  const unlock = await lockDataFolder(dataDir, purpose);
  try {
    const storage = await startLocalStorage({
      local,
      dataDir,
      s3Credentials: await dataFolderS3Credentials(dataDir),
      dynamodbEndpoint: env.DYNAMODB_ENDPOINT,
    });
    const region = local.AWS_REGION;
    const s3 = new S3Client({
      region,
      endpoint: storage.s3.endpoint,
      forcePathStyle: true,
      credentials: storage.s3.credentials,
    });
    const dynamo = new DynamoDBClient({
      region,
      endpoint: storage.dynamo.endpoint,
      credentials: storage.dynamo.credentials,
    });
    return {
      s3,
      dynamo,
      table: local.TABLE_NAME,
      buckets: { originals: local.ORIGINALS_BUCKET, variants: local.VARIANTS_BUCKET },
      dataDir,
      async close() {
        s3.destroy();
        dynamo.destroy();
        await storage.close();
        await unlock();
      },
    };
  } catch (error) {
    await unlock();
    throw error;
  }
}

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LOCAL_S3_CREDENTIALS,
  startS3Emulator,
  type S3Emulator,
} from '../../src/local/s3-emulator.js';

describe('the local S3 endpoint under concurrent writes and deletes', () => {
  let dir: string;
  let emulator: S3Emulator;
  let s3: S3Client;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'darkroom-s3-'));
    emulator = await startS3Emulator({
      host: '127.0.0.1',
      port: 0,
      directory: dir,
      region: 'us-east-1',
      buckets: ['race'],
      onObjectCreated: () => undefined,
    });
    s3 = new S3Client({
      region: 'us-east-1',
      endpoint: emulator.endpoint,
      forcePathStyle: true,
      credentials: LOCAL_S3_CREDENTIALS,
    });
  });

  afterAll(async () => {
    s3.destroy();
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  });

  // A failed run's clean-up deletes its variants while another write lands beside them: S3 takes
  // both; the emulator once removed the folder under the write and died with ENOENT.
  it('keeps a write that lands beside the delete of the last object in its folder', async () => {
    const body = Buffer.alloc(64 * 1024, 7);
    for (let round = 0; round < 40; round++) {
      const folder = `variants/${round}`;
      await s3.send(new PutObjectCommand({ Bucket: 'race', Key: `${folder}/a.jpg`, Body: body }));
      await Promise.all([
        s3.send(
          new DeleteObjectsCommand({
            Bucket: 'race',
            Delete: { Objects: [{ Key: `${folder}/a.jpg` }] },
          }),
        ),
        s3.send(new PutObjectCommand({ Bucket: 'race', Key: `${folder}/b.jpg`, Body: body })),
      ]);
      const written = await s3.send(
        new GetObjectCommand({ Bucket: 'race', Key: `${folder}/b.jpg` }),
      );
      expect((await written.Body!.transformToByteArray()).length).toBe(body.length);
    }
  });
});

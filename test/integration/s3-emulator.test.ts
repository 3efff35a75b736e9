import { randomBytes } from 'node:crypto';
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
import { freshS3Credentials } from '../../src/local/s3-credentials.js';
import { startS3Emulator, type S3Emulator } from '../../src/local/s3-emulator.js';

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
      credentials: freshS3Credentials(),
      onObjectCreated: () => undefined,
    });
    s3 = new S3Client({
      region: 'us-east-1',
      endpoint: emulator.endpoint,
      forcePathStyle: true,
      credentials: emulator.credentials,
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

  // A signed body is checked in full before s3rver gets it; s3rver answers once the body has
  // passed through, before its file is flushed. Handed over in one piece, a large object was
  // answered while still half written, and a read right after found it short.
  it('keeps a large signed write whole for a read right after the answer', async () => {
    const body = randomBytes(6 * 1024 * 1024);
    for (let round = 0; round < 10; round++) {
      const key = `large/${round}.bin`;
      await s3.send(new PutObjectCommand({ Bucket: 'race', Key: key, Body: body }));
      const read = await s3.send(new GetObjectCommand({ Bucket: 'race', Key: key }));
      expect(Buffer.from(await read.Body!.transformToByteArray()).equals(body)).toBe(true);
    }
  });
});

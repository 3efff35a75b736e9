/**
 * The processor's read step with a bucket that keeps versions, as Terraform's does. The S3
 * emulator keeps none, so S3's answers are stood in for here: the current object, or the version
 * asked for, with their ETags and version ids as S3 returns them (quoted ETags).
 */
import type { GetObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import type { ImageRecord } from '../../src/model/image.js';
import type { Job } from '../../src/processor/job.js';
import { read } from '../../src/processor/steps/read.js';

const objects = {
  current: { ETag: '"bbbb"', VersionId: 'v2', bytes: 'replacement' },
  v1: { ETag: '"aaaa"', VersionId: 'v1', bytes: 'processed' },
};

function jobFor(record: Partial<ImageRecord>, asked: (string | undefined)[]): Job {
  const s3 = {
    send: (command: GetObjectCommand) => {
      asked.push(command.input.VersionId);
      const found = command.input.VersionId === 'v1' ? objects.v1 : objects.current;
      return Promise.resolve({
        ETag: found.ETag,
        VersionId: found.VersionId,
        Body: { transformToByteArray: () => Promise.resolve(Buffer.from(found.bytes)) },
      });
    },
  };
  return {
    services: { s3, config: { ORIGINALS_BUCKET: 'o', MAX_UPLOAD_BYTES: 1000 } },
    record: { originalKey: 'uploads/x', ...record },
    object: { bucket: 'o', key: 'uploads/x', size: 10 },
    result: { variants: [], timings: {} },
  } as unknown as Job;
}

describe('reading the original', () => {
  it('pins what the first run read', async () => {
    const job = jobFor({}, []);
    await read.run(job);
    expect(job.input?.toString()).toBe('replacement');
    expect(job.result).toMatchObject({ originalETag: 'bbbb', originalVersionId: 'v2' });
  });

  it('reads the pinned version when the current object is another picture', async () => {
    const asked: (string | undefined)[] = [];
    const job = jobFor({ originalETag: 'aaaa', originalVersionId: 'v1' }, asked);
    await read.run(job);
    expect(asked).toEqual([undefined, 'v1']);
    expect(job.input?.toString()).toBe('processed');
    expect(job.result).toMatchObject({ originalETag: 'aaaa', originalVersionId: 'v1' });
  });

  it('refuses, ORIGINAL_REPLACED, when the bucket keeps no versions', async () => {
    const job = jobFor({ originalETag: 'aaaa' }, []);
    await expect(read.run(job)).rejects.toMatchObject({ code: 'ORIGINAL_REPLACED' });
    expect(job.input).toBeUndefined();
  });
});

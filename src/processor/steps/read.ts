import { GetObjectCommand } from '@aws-sdk/client-s3';
import { checkSize } from '../guard/index.js';
import type { Step } from '../job.js';

/** Fetches the original's bytes, unless the event already says it is over the size limit. */
export const read: Step = {
  name: 'read',
  async run(job) {
    const { config, s3 } = job.services;
    checkSize(job.object.size, config.MAX_UPLOAD_BYTES);
    const response = await s3.send(
      new GetObjectCommand({ Bucket: config.ORIGINALS_BUCKET, Key: job.record.originalKey }),
    );
    job.input = Buffer.from(await response.Body!.transformToByteArray());
  },
};

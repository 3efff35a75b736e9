import { GetObjectCommand } from '@aws-sdk/client-s3';
import { UnprocessableImageError } from '../../model/failure.js';
import { httpStatusOf } from '../../storage/transient.js';
import { checkSize } from '../guard/index.js';
import type { Step } from '../job.js';

/** ETags as S3 sends them are quoted; event notifications leave the quotes out. */
export const bareETag = (etag: string | undefined) => etag?.replace(/^"|"$/g, '');

/**
 * Fetches the original's bytes, unless the event already says it is over the size limit. The
 * first run pins what it read (ETag, and version where the bucket keeps them). A later run
 * (reprocessImage) renders the picture the record describes: the current object when it is still
 * those bytes, else the pinned version; never bytes posted since with the same ticket.
 */
export const read: Step = {
  name: 'read',
  async run(job) {
    const { config, s3 } = job.services;
    const { originalKey, originalETag, originalVersionId } = job.record;
    checkSize(job.object.size, config.MAX_UPLOAD_BYTES);
    const get = (versionId?: string) =>
      s3.send(
        new GetObjectCommand({
          Bucket: config.ORIGINALS_BUCKET,
          Key: originalKey,
          ...(versionId ? { VersionId: versionId } : {}),
        }),
      );
    let response = await get().catch(missingOriginal);
    if (originalETag && bareETag(response.ETag) !== originalETag) {
      await response.Body?.transformToByteArray().catch(() => undefined);
      if (!originalVersionId) {
        throw new UnprocessableImageError(
          'ORIGINAL_REPLACED',
          `the original was replaced after it was processed (ETag ${bareETag(response.ETag)}, processed ${originalETag}) and the bucket keeps no earlier versions: upload the picture again`,
        );
      }
      response = await get(originalVersionId).catch(missingOriginal);
    }
    job.input = Buffer.from(await response.Body!.transformToByteArray());
    const etag = bareETag(response.ETag);
    if (etag) job.result.originalETag = etag;
    if (response.VersionId && response.VersionId !== 'null') {
      job.result.originalVersionId = response.VersionId;
    }
  },
};

/**
 * No such key (or version): the original expired (the bucket's retention) or was removed, which
 * no retry changes. S3 says so with 404 only to a role that may list the bucket (else 403).
 */
function missingOriginal(error: unknown): never {
  if (httpStatusOf(error) === 404) {
    throw new UnprocessableImageError(
      'ORIGINAL_MISSING',
      'the original is no longer stored (it expired or was removed): upload the picture again',
      { cause: error },
    );
  }
  throw error;
}

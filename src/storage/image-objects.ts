import { rendersPrefix } from '../model/keys.js';
import { s3Of, type S3Source } from './s3-source.js';
import { httpStatusOf, retryTransient } from './transient.js';

/** DeleteObjects takes at most this many keys. */
const DELETE_BATCH = 1000;

/** The S3 SDK's commands: imported on first use, as the client may be (S3Source). */
const sdk = () => import('@aws-sdk/client-s3');

/** CopyObject's `CopySource`: the bucket and the key URL-encoded, its slashes kept. */
const copySource = (bucket: string, key: string) =>
  `${bucket}/${encodeURIComponent(key).replace(/%2F/g, '/')}`;

/** What is done to an image's objects besides writing them: start reprocessing, and delete. */
export class ImageObjects {
  constructor(
    private readonly s3: S3Source,
    private readonly buckets: { originals: string; variants: string },
  ) {}

  /**
   * Copies the original onto itself. S3 (and the emulator) announce the copy as
   * ObjectCreated:Copy, which reaches the processor exactly as an upload does, so reprocessing
   * takes the one path every image takes, in both homes. S3 refuses a copy onto itself that
   * changes nothing, so the metadata is replaced (with the same type, and the generation).
   */
  async touchOriginal(
    key: string,
    contentType: string,
    generation: number,
    versionId?: string,
  ): Promise<void> {
    const [{ CopyObjectCommand }, s3] = await Promise.all([sdk(), s3Of(this.s3)]);
    const source = copySource(this.buckets.originals, key);
    await retryTransient(() =>
      s3.send(
        new CopyObjectCommand({
          Bucket: this.buckets.originals,
          Key: key,
          // The version processed, where the bucket keeps versions: a replaced original is
          // restored as the current one (and the replacement left to expire as noncurrent).
          CopySource: versionId ? `${source}?versionId=${encodeURIComponent(versionId)}` : source,
          MetadataDirective: 'REPLACE',
          ContentType: contentType,
          Metadata: { 'darkroom-generation': String(generation) },
        }),
      ),
    );
  }

  /**
   * Copies variants held for review to the keys they are served from (approveImage), in the
   * variants bucket, server-side. Safe to repeat: a copy overwrites an earlier one of itself.
   */
  async copyVariants(copies: readonly { from: string; to: string }[]): Promise<void> {
    const [{ CopyObjectCommand }, s3] = await Promise.all([sdk(), s3Of(this.s3)]);
    const bucket = this.buckets.variants;
    await Promise.all(
      copies.map(({ from, to }) =>
        retryTransient(() =>
          s3.send(
            new CopyObjectCommand({
              Bucket: bucket,
              Key: to,
              CopySource: copySource(bucket, from),
              // The held copy's type and Cache-Control (immutable) come along.
              MetadataDirective: 'COPY',
            }),
          ),
        ),
      ),
    );
  }

  /**
   * Whether the original (the pinned version, where there is one) is still stored. A bucket
   * that keeps versions answers a key whose current version is a delete marker with 404 too, and
   * a version that is a delete marker with 405; S3 says 404 rather than 403 only to a role that
   * may list the bucket.
   */
  async originalStored(key: string, versionId?: string): Promise<boolean> {
    const [{ HeadObjectCommand }, s3] = await Promise.all([sdk(), s3Of(this.s3)]);
    try {
      await retryTransient(() =>
        s3.send(
          new HeadObjectCommand({
            Bucket: this.buckets.originals,
            Key: key,
            ...(versionId ? { VersionId: versionId } : {}),
          }),
        ),
      );
      return true;
    } catch (error) {
      const status = httpStatusOf(error);
      if (status === 404 || status === 405) return false;
      throw error;
    }
  }

  /** Deletes an original and variants; deleting what is already gone succeeds, as in S3. */
  async remove(originalKey: string, variantKeys: string[]): Promise<void> {
    await Promise.all([this.removeOriginal(originalKey), this.removeVariants(variantKeys)]);
  }

  async removeOriginal(key: string): Promise<void> {
    const [{ DeleteObjectCommand }, s3] = await Promise.all([sdk(), s3Of(this.s3)]);
    await retryTransient(() =>
      s3.send(new DeleteObjectCommand({ Bucket: this.buckets.originals, Key: key })),
    );
  }

  /**
   * Deletes an image's on-demand renders (all of them, or those of generations other than
   * `keep`). They are listed, not recorded: any size may have been asked for.
   */
  async removeRenders(imageId: string, keep?: number): Promise<number> {
    const kept = keep === undefined ? undefined : rendersPrefix(imageId, keep);
    const keys: string[] = [];
    const [{ paginateListObjectsV2 }, s3] = await Promise.all([sdk(), s3Of(this.s3)]);
    const pages = paginateListObjectsV2(
      { client: s3 },
      { Bucket: this.buckets.variants, Prefix: rendersPrefix(imageId) },
    );
    for await (const page of pages) {
      for (const object of page.Contents ?? []) {
        if (object.Key && !(kept && object.Key.startsWith(kept))) keys.push(object.Key);
      }
    }
    for (let i = 0; i < keys.length; i += DELETE_BATCH) {
      await this.removeVariants(keys.slice(i, i + DELETE_BATCH));
    }
    return keys.length;
  }

  async removeVariants(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    const [{ DeleteObjectsCommand }, s3] = await Promise.all([sdk(), s3Of(this.s3)]);
    await retryTransient(async () => {
      const { Errors = [] } = await s3.send(
        new DeleteObjectsCommand({
          Bucket: this.buckets.variants,
          Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true },
        }),
      );
      // DeleteObjects answers 200 even when some keys failed; those are an error here.
      if (Errors.length > 0) {
        throw new Error(`could not delete ${Errors.map((e) => `${e.Key} (${e.Code})`).join(', ')}`);
      }
    });
  }
}

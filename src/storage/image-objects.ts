import {
  CopyObjectCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { retryTransient } from './transient.js';

/** What is done to an image's objects besides writing them: start reprocessing, and delete. */
export class ImageObjects {
  constructor(
    private readonly s3: S3Client,
    private readonly buckets: { originals: string; variants: string },
  ) {}

  /**
   * Copies the original onto itself. S3 (and the emulator) announce the copy as
   * ObjectCreated:Copy, which reaches the processor exactly as an upload does, so reprocessing
   * takes the one path every image takes, in both homes. S3 refuses a copy onto itself that
   * changes nothing, so the metadata is replaced (with the same type, and the generation).
   */
  async touchOriginal(key: string, contentType: string, generation: number): Promise<void> {
    await retryTransient(() =>
      this.s3.send(
        new CopyObjectCommand({
          Bucket: this.buckets.originals,
          Key: key,
          CopySource: `${this.buckets.originals}/${encodeURIComponent(key).replace(/%2F/g, '/')}`,
          MetadataDirective: 'REPLACE',
          ContentType: contentType,
          Metadata: { 'darkroom-generation': String(generation) },
        }),
      ),
    );
  }

  /** Deletes an original and variants; deleting what is already gone succeeds, as in S3. */
  async remove(originalKey: string, variantKeys: string[]): Promise<void> {
    await Promise.all([this.removeOriginal(originalKey), this.removeVariants(variantKeys)]);
  }

  async removeOriginal(key: string): Promise<void> {
    await retryTransient(() =>
      this.s3.send(new DeleteObjectCommand({ Bucket: this.buckets.originals, Key: key })),
    );
  }

  async removeVariants(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await retryTransient(async () => {
      const { Errors = [] } = await this.s3.send(
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

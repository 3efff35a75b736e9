import { s3Of, type S3Source } from './s3-source.js';

export interface PresignedPost {
  url: string;
  fields: Record<string, string>;
}

/**
 * Presigned upload tickets: a POST policy for exactly one key, a size range and a type; and
 * presigned GETs. The presigner (and, given a lazy client, the S3 SDK) is imported on first use.
 */
export class UrlSigner {
  constructor(private readonly s3: S3Source) {}

  /**
   * A GET URL for one object, valid `expiresInSeconds`: for people who may see what no delivery
   * URL serves (an admin looking at a variant held for review).
   */
  async download(bucket: string, key: string, expiresInSeconds: number): Promise<string> {
    const [{ getSignedUrl }, { GetObjectCommand }, s3] = await Promise.all([
      import('@aws-sdk/s3-request-presigner'),
      import('@aws-sdk/client-s3'),
      s3Of(this.s3),
    ]);
    return getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: key }), {
      expiresIn: expiresInSeconds,
    });
  }

  async uploadPolicy(input: {
    bucket: string;
    key: string;
    contentType: string;
    maxBytes: number;
    expiresInSeconds: number;
  }): Promise<PresignedPost> {
    const [{ createPresignedPost }, s3] = await Promise.all([
      import('@aws-sdk/s3-presigned-post'),
      s3Of(this.s3),
    ]);
    return createPresignedPost(s3, {
      Bucket: input.bucket,
      Key: input.key,
      Fields: { 'Content-Type': input.contentType },
      Conditions: [
        ['content-length-range', 1, input.maxBytes],
        ['eq', '$Content-Type', input.contentType],
      ],
      Expires: input.expiresInSeconds,
    });
  }
}

import { s3Of, type S3Source } from './s3-source.js';

export interface PresignedPost {
  url: string;
  fields: Record<string, string>;
}

/**
 * Presigned upload tickets: a POST policy for exactly one key, a size range and a type. The
 * presigner (and, given a lazy client, the S3 SDK) is imported on the first ticket.
 */
export class UrlSigner {
  constructor(private readonly s3: S3Source) {}

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

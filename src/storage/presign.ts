import type { S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';

export interface PresignedPost {
  url: string;
  fields: Record<string, string>;
}

/** Presigned upload tickets: a POST policy for exactly one key, a size range and a type. */
export class UrlSigner {
  constructor(private readonly s3: S3Client) {}

  uploadPolicy(input: {
    bucket: string;
    key: string;
    contentType: string;
    maxBytes: number;
    expiresInSeconds: number;
  }): Promise<PresignedPost> {
    return createPresignedPost(this.s3, {
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

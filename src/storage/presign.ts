import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

export interface PresignedPost {
  url: string;
  fields: Record<string, string>;
}

/** Presigned URLs: a POST policy for uploads (exact key, size range, type) and GETs for variants. */
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

  downloadUrl(bucket: string, key: string, expiresInSeconds: number): Promise<string> {
    return getSignedUrl(this.s3, new GetObjectCommand({ Bucket: bucket, Key: key }), {
      expiresIn: expiresInSeconds,
    });
  }
}

import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';

/** Where the AWS SDK clients point; credentials aside, all that differs between the homes. */
export interface AwsClientSettings {
  AWS_REGION: string;
  S3_ENDPOINT?: string | undefined;
  DYNAMODB_ENDPOINT?: string | undefined;
}

export type Credentials = S3ClientConfig['credentials'];

/**
 * An S3 client, or what makes one on first use (createLazyS3Client): the storage classes take
 * either, so a function whose usual requests never touch S3 need not load the S3 SDK to start.
 * This module imports the S3 SDK only with import(), so that importing it costs nothing.
 */
export type S3Source = S3Client | (() => Promise<S3Client>);

/** The client an S3Source stands for, made now if it was not yet. */
export const s3Of = (source: S3Source): Promise<S3Client> =>
  typeof source === 'function' ? source() : Promise.resolve(source);

export const commonClientConfig = (settings: AwsClientSettings, credentials?: Credentials) => ({
  region: settings.AWS_REGION,
  ...(credentials ? { credentials } : {}),
});

/** The S3 client's settings, the same in both homes but for an emulator's endpoint. */
export const s3ClientConfig = (
  settings: AwsClientSettings,
  credentials?: Credentials,
): S3ClientConfig => ({
  ...commonClientConfig(settings, credentials),
  ...(settings.S3_ENDPOINT
    ? {
        endpoint: settings.S3_ENDPOINT,
        forcePathStyle: true,
        // Emulators do not speak the flexible-checksum trailers newer SDKs send by default.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      }
    : {}),
});

/**
 * The same S3 client as createAwsClients makes, but the SDK is imported and the client made on
 * the first call (once; a failed import is tried again on the next call). In a bundle built with
 * code splitting (scripts/build.ts) the S3 SDK is then a chunk read only when first needed.
 */
export function createLazyS3Client(
  settings: AwsClientSettings,
  credentials?: Credentials,
): () => Promise<S3Client> {
  let client: Promise<S3Client> | undefined;
  return () => {
    if (!client) {
      client = import('@aws-sdk/client-s3').then(
        (sdk) => new sdk.S3Client(s3ClientConfig(settings, credentials)),
      );
      client.catch(() => (client = undefined));
    }
    return client;
  };
}

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface AwsClientSettings {
  AWS_REGION: string;
  S3_ENDPOINT?: string | undefined;
  DYNAMODB_ENDPOINT?: string | undefined;
}

/** The AWS SDK clients both homes use; only endpoints, credentials and checksum settings differ. */
export interface AwsClients {
  s3: S3Client;
  dynamo: DynamoDBDocumentClient;
}

type Credentials = S3ClientConfig['credentials'];

const common = (settings: AwsClientSettings, credentials?: Credentials) => ({
  region: settings.AWS_REGION,
  ...(credentials ? { credentials } : {}),
});

/** The table's document client, for functions that use no storage (the daily report). */
export function createDynamoClient(
  settings: Omit<AwsClientSettings, 'S3_ENDPOINT'>,
  credentials?: Credentials,
): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(
    new DynamoDBClient({
      ...common(settings, credentials),
      ...(settings.DYNAMODB_ENDPOINT ? { endpoint: settings.DYNAMODB_ENDPOINT } : {}),
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
}

/**
 * On Lambda, credentials come from the default provider chain (the function's role). On the
 * embedded default the caller passes the emulators' static credentials.
 */
export function createAwsClients(
  settings: AwsClientSettings,
  credentials?: Credentials,
): AwsClients {
  const s3 = new S3Client({
    ...common(settings, credentials),
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
  return { s3, dynamo: createDynamoClient(settings, credentials) };
}

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { commonClientConfig, type AwsClientSettings, type Credentials } from './s3-source.js';

/** The table's document client, for functions that use no storage (the daily report). */
export function createDynamoClient(
  settings: Omit<AwsClientSettings, 'S3_ENDPOINT'>,
  credentials?: Credentials,
): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(
    new DynamoDBClient({
      ...commonClientConfig(settings, credentials),
      ...(settings.DYNAMODB_ENDPOINT ? { endpoint: settings.DYNAMODB_ENDPOINT } : {}),
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
}

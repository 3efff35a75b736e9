import { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDynamoClient } from './dynamo.js';
import { s3ClientConfig, type AwsClientSettings, type Credentials } from './s3-source.js';

export { createDynamoClient } from './dynamo.js';
export { createLazyS3Client, s3Of, type AwsClientSettings, type S3Source } from './s3-source.js';

/** The AWS SDK clients both homes use; only endpoints, credentials and checksum settings differ. */
export interface AwsClients {
  s3: S3Client;
  dynamo: DynamoDBDocumentClient;
}

/** Locally the emulators take different credentials: DynamoDB Local keeps a database per key id. */
export interface PerServiceCredentials {
  s3?: Credentials;
  dynamo?: Credentials;
}

/** One service's credentials, from one set for all or a set per service. */
export const forService = (
  credentials: Credentials | PerServiceCredentials | undefined,
  service: keyof PerServiceCredentials,
): Credentials | undefined =>
  credentials && typeof credentials === 'object' && ('s3' in credentials || 'dynamo' in credentials)
    ? credentials[service]
    : (credentials as Credentials);

/**
 * On Lambda, credentials come from the default provider chain (the function's role). On the
 * embedded default the caller passes the emulators' static credentials (one set, or per service).
 */
export function createAwsClients(
  settings: AwsClientSettings,
  credentials?: Credentials | PerServiceCredentials,
): AwsClients {
  return {
    s3: new S3Client(s3ClientConfig(settings, forService(credentials, 's3'))),
    dynamo: createDynamoClient(settings, forService(credentials, 'dynamo')),
  };
}

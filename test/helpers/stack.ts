import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { inject } from 'vitest';
import type { DarkroomError } from '../../src/client/client.js';
import type {
  CreateUploadMutation,
  TypedDocumentString,
} from '../../src/client/generated/graphql.js';
import { startStack, type Stack, type StackHooks } from '../../src/local/stack.js';
import { loadTerraformPolicies, resolvePolicies } from './terraform-policies.js';

/** Terraform's policies, read once per test file. */
let terraformPolicies: ReturnType<typeof loadTerraformPolicies> | undefined;

/**
 * Each function held to the policy terraform/iam.tf gives its role, by the local S3 and DynamoDB
 * fronts: a permission the code needs and the policy lacks fails the test that needs it.
 */
export async function deployedPolicies(): Promise<NonNullable<StackHooks['policies']>> {
  const { policies, locals } = await (terraformPolicies ??= loadTerraformPolicies());
  return (names) => resolvePolicies(policies, locals, names);
}

/**
 * What follows a typed document: its variables (optional when it needs none, as for the typed
 * client's `request`), then the dev-auth user.
 */
type OperationArgs<TVariables> =
  Record<string, never> extends TVariables
    ? [variables?: TVariables, user?: string]
    : [variables: TVariables, user?: string];

export interface TestStack extends Stack {
  /**
   * Runs an operation of src/client/operations.ts as `user` (dev auth), as the clients send it:
   * the document types the variables and the response's `data`.
   */
  gql<TResult, TVariables>(
    document: TypedDocumentString<TResult, TVariables>,
    ...args: OperationArgs<TVariables>
  ): Promise<GraphQLResponse<TResult>>;
  /**
   * A plain string, for documents no client sends: malformed or probing ones (syntax, depth,
   * alias and directive limits, unknown fields, introspection).
   */
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    user?: string,
  ): Promise<GraphQLResponse<T>>;
  dispose(): Promise<void>;
}

/** The parsed response; `data` is null when the operation failed as a whole. */
export interface GraphQLResponse<T> {
  data?: T | null;
  errors?: DarkroomError['errors'];
}

/** The embedded default on free ports with a throwaway data folder. */
export async function startTestStack(
  env: Record<string, string> = {},
  hooks: StackHooks = {},
): Promise<TestStack> {
  process.env.POWERTOOLS_LOG_LEVEL = 'CRITICAL';
  const dataDir = await mkdtemp(join(tmpdir(), 'darkroom-test-'));
  const stack = await startStack(
    // No analysis unless a test asks for it: the models' load and inference would dominate
    // suites that are about something else.
    {
      PORT: '0',
      S3_PORT: '0',
      DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'),
      DATA_DIR: dataDir,
      ANALYZER: 'none',
      ...env,
    },
    { policies: await deployedPolicies(), ...hooks },
  );
  const gql = async (
    query: string | TypedDocumentString<unknown, never>,
    variables?: unknown,
    user?: string,
  ) => {
    const response = await fetch(stack.graphqlUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(user ? { authorization: `Bearer dev:${user}` } : {}),
      },
      body: JSON.stringify({ query: query.toString(), variables }),
    });
    // The document's type parameters (or the caller's) describe what this operation returns.
    return (await response.json()) as GraphQLResponse<never>;
  };
  return {
    ...stack,
    gql,
    async dispose() {
      await stack.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** An upload ticket, as CreateUploadDocument returns it. */
export type Ticket = CreateUploadMutation['createUpload'];

/** Sends the file the way a browser form or mobile client does: every field, then `file`. */
export async function postUpload(
  ticket: Ticket,
  bytes: Buffer,
  overrides: Record<string, string> = {},
): Promise<Response> {
  const form = new FormData();
  for (const { name, value } of ticket.fields) form.append(name, overrides[name] ?? value);
  form.append('file', new Blob([new Uint8Array(bytes)]), 'upload');
  return fetch(ticket.url, { method: 'POST', body: form });
}

/**
 * The notification S3 sends when an original lands, for tests that deliver events by hand; the
 * ETag of a single-part upload is the MD5 of its bytes, as S3's is.
 */
export const objectCreatedEvent = (imageId: string, bytes: Buffer): S3Event => ({
  Records: [
    {
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'us-east-1',
      eventTime: new Date().toISOString(),
      eventName: 'ObjectCreated:Post',
      userIdentity: { principalId: 'AWS:TEST' },
      requestParameters: { sourceIPAddress: '127.0.0.1' },
      responseElements: { 'x-amz-request-id': 'TEST', 'x-amz-id-2': 'TEST' },
      s3: {
        s3SchemaVersion: '1.0',
        configurationId: 'originals',
        bucket: {
          name: 'darkroom-originals',
          ownerIdentity: { principalId: 'TEST' },
          arn: 'arn:aws:s3:::darkroom-originals',
        },
        object: {
          key: `uploads/${imageId}`,
          size: bytes.length,
          eTag: createHash('md5').update(bytes).digest('hex'),
          sequencer: '1',
        },
      },
    },
  ],
});

/**
 * An S3 client of the stack's emulator, signing as an operator would (reads need signatures), or
 * with other `credentials` (a function's own, to act as it).
 */
export const s3ClientOf = (stack: Stack, credentials = stack.s3Credentials) =>
  new S3Client({
    region: 'us-east-1',
    endpoint: stack.s3Endpoint,
    forcePathStyle: true,
    credentials,
  });

async function withS3<T>(stack: Stack, work: (s3: S3Client) => Promise<T>): Promise<T> {
  const s3 = s3ClientOf(stack);
  try {
    return await work(s3);
  } finally {
    s3.destroy();
  }
}

/** The variant objects stored for an image, sorted. */
export const variantKeys = (stack: Stack, imageId: string): Promise<string[]> =>
  withS3(stack, async (s3) => {
    const { Contents = [] } = await s3.send(
      new ListObjectsV2Command({ Bucket: 'darkroom-variants', Prefix: `variants/${imageId}/` }),
    );
    return Contents.map((o) => o.Key!).sort();
  });

/** Whether the image's original is stored. */
export const originalExists = (stack: Stack, imageId: string): Promise<boolean> =>
  withS3(stack, (s3) =>
    s3
      .send(new HeadObjectCommand({ Bucket: 'darkroom-originals', Key: `uploads/${imageId}` }))
      .then(
        () => true,
        () => false,
      ),
  );

/**
 * Every integration test runs each function under the policy terraform/iam.tf gives its role
 * (test/helpers/stack.ts): the local S3 and DynamoDB fronts check each request against it. These
 * tests show the checks answer as AWS does, and that a statement taken out of the policy makes
 * the behaviour that needs it fail.
 */
import { DynamoDBClient, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateUploadDocument,
  ImageResultDocument,
  MyMetricsDocument,
  ReprocessImageDocument,
} from '../../src/client/operations.js';
import { principalCredentials, type LocalPrincipalName } from '../../src/local/principals.js';
import { makeImage } from '../helpers/images.js';
import { postUpload, s3ClientOf, startTestStack, type TestStack } from '../helpers/stack.js';
import {
  loadTerraformPolicies,
  resolvePolicies,
  withoutStatement,
} from '../helpers/terraform-policies.js';

const s3As = (stack: TestStack, name: LocalPrincipalName) =>
  s3ClientOf(stack, principalCredentials(stack.s3Credentials, name));

const dynamoAs = (stack: TestStack, name: LocalPrincipalName) =>
  new DynamoDBClient({
    region: 'us-east-1',
    endpoint: stack.dynamodbEndpoint,
    credentials: principalCredentials(stack.s3Credentials, name),
  });

/** What an SDK call failed with: S3's HTTP status and the error's name. */
const failure = (call: Promise<unknown>) =>
  call.then(
    () => ({ status: 200, name: 'none' }),
    (error: { name: string; $metadata?: { httpStatusCode?: number } }) => ({
      status: error.$metadata?.httpStatusCode,
      name: error.name,
    }),
  );

async function uploadAndProcess(stack: TestStack, user: string): Promise<string> {
  const created = await stack.gql(
    CreateUploadDocument,
    { input: { filename: 'photo.jpg', contentType: 'image/jpeg' } },
    user,
  );
  const ticket = created.data!.createUpload;
  expect((await postUpload(ticket, await makeImage(640, 480, 'jpeg'))).status).toBe(204);
  await stack.idle();
  return ticket.imageId;
}

describe("the functions under Terraform's policies", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ SWEEP_INTERVAL_SECONDS: '3600' }, { recordAccess: true });
  });
  afterAll(() => stack?.dispose());

  it('sign with keys of their own, every request granted by a named statement of their policy', async () => {
    const id = await uploadAndProcess(stack, 'iam');
    const image = await stack.gql(ImageResultDocument, { id }, 'iam');
    expect(image.data!.image!.status).toBe('PROCESSED');

    const decisions = stack.access.decisions;
    expect(decisions.filter((d) => !d.allowedBy)).toEqual([]);
    const grants = new Set(
      decisions.map((d) => `${d.principal} ${d.request.action} ${d.allowedBy}`),
    );
    // The ticket is the API's; the variants the processor's; the count the events function's.
    expect(grants).toContain('darkroom-api dynamodb:PutItem WriteImages');
    expect(grants).toContain('darkroom-api dynamodb:UpdateItem Quotas');
    expect(grants).toContain('darkroom-processor s3:GetObject Originals');
    expect(grants).toContain('darkroom-processor s3:PutObject WriteVariants');
    expect(grants).toContain('darkroom-events dynamodb:GetRecords ReadStream');
    expect(grants).toContain('darkroom-events dynamodb:PutItem CountTransitions');
  });

  it('are refused what their policy does not grant, with the services’ own errors', async () => {
    const delivery = s3As(stack, 'delivery');
    const api = dynamoAs(stack, 'api');
    const processor = dynamoAs(stack, 'processor');
    try {
      // No role may read the variants bucket: only the distribution does.
      expect(
        await failure(
          delivery.send(new GetObjectCommand({ Bucket: 'darkroom-variants', Key: 'variants/x' })),
        ),
      ).toEqual({ status: 403, name: 'AccessDenied' });
      // No role may scan the table, and the processor writes no counter.
      expect(await failure(api.send(new ScanCommand({ TableName: 'darkroom' })))).toMatchObject({
        status: 400,
        name: 'AccessDeniedException',
      });
      expect(
        await failure(
          processor.send(
            new PutItemCommand({
              TableName: 'darkroom',
              Item: { pk: { S: 'METRICS#everyone' }, sk: { S: 'TOTAL' } },
            }),
          ),
        ),
      ).toMatchObject({ status: 400, name: 'AccessDeniedException' });
    } finally {
      delivery.destroy();
      api.destroy();
      processor.destroy();
    }
  });

  it('read a missing original as 404 when they may list the bucket, as 403 when not', async () => {
    const processor = s3As(stack, 'processor');
    const delivery = s3As(stack, 'delivery');
    const missing = { Bucket: 'darkroom-originals', Key: 'uploads/never-uploaded' };
    try {
      expect(await failure(processor.send(new HeadObjectCommand(missing)))).toEqual({
        status: 404,
        name: 'NotFound',
      });
      expect(await failure(delivery.send(new GetObjectCommand(missing)))).toEqual({
        status: 403,
        name: 'AccessDenied',
      });
    } finally {
      processor.destroy();
      delivery.destroy();
    }
  });

  it('refuse up front to reprocess an image whose original is no longer stored', async () => {
    const id = await uploadAndProcess(stack, 'expired');
    const admin = s3ClientOf(stack);
    // As the originals' lifecycle expiration would.
    await admin.send(
      new DeleteObjectCommand({ Bucket: 'darkroom-originals', Key: `uploads/${id}` }),
    );
    admin.destroy();

    const reprocess = await stack.gql(ReprocessImageDocument, { id }, 'expired');
    expect(reprocess.errors?.[0]).toMatchObject({
      message: expect.stringContaining('no longer stored') as string,
      extensions: { code: 'ORIGINAL_MISSING' },
    });
    const image = await stack.gql(ImageResultDocument, { id }, 'expired');
    expect(image.data!.image!.status).toBe('PROCESSED');
  });
});

describe('a statement taken out of the policy', () => {
  /** A stack whose `principal` lacks statement `sid` of its Terraform policy. */
  async function stackWithout(principal: LocalPrincipalName, sid: string, env = {}) {
    const { policies, locals } = await loadTerraformPolicies();
    const narrowed = withoutStatement(policies, principal, sid);
    return startTestStack(
      { SWEEP_INTERVAL_SECONDS: '3600', ...env },
      { policies: (names) => resolvePolicies(narrowed, locals, names) },
    );
  }

  it('processor without ListOriginals: the sweep cannot tell a ticket never used, which stays in its index', async () => {
    let offsetMs = 0;
    const { policies, locals } = await loadTerraformPolicies();
    const run = async (statements: typeof policies) => {
      const stack = await startTestStack(
        { SWEEP_INTERVAL_SECONDS: '3600' },
        {
          policies: (names) => resolvePolicies(statements, locals, names),
          now: () => new Date(Date.now() + offsetMs),
        },
      );
      try {
        await stack.gql(
          CreateUploadDocument,
          { input: { filename: 'never.jpg', contentType: 'image/jpeg' } },
          'lee',
        );
        offsetMs = 30 * 60_000; // past the ticket and the sweep's grace
        return await stack.sweep();
      } finally {
        offsetMs = 0;
        await stack.dispose();
      }
    };
    // With the policy as written the ticket is dropped (the test in faults-and-load.test.ts,
    // "drops a ticket whose upload never arrived from the sweep without failing it")…
    expect(await run(policies)).toEqual([
      expect.objectContaining({ outcome: 'skipped', reason: 'upload never arrived' }),
    ]);
    // …without the statement S3 answers 403, and the ticket is left for every later sweep.
    expect(await run(withoutStatement(policies, 'processor', 'ListOriginals'))).toEqual([]);
  });

  it('events without CountTransitions: a finished image is never counted', async () => {
    const stack = await stackWithout('events', 'CountTransitions', { EVENTS_MAX_ATTEMPTS: '1' });
    try {
      const id = await uploadAndProcess(stack, 'uncounted');
      const image = await stack.gql(ImageResultDocument, { id }, 'uncounted');
      expect(image.data!.image!.status).toBe('PROCESSED');
      const { metrics } = (await stack.gql(MyMetricsDocument, {}, 'uncounted')).data!;
      expect(metrics).toMatchObject({ total: 0, processed: 0 });
    } finally {
      await stack.dispose();
    }
  });
});

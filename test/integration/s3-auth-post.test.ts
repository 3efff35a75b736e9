import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateUploadDocument, ImageStatusDocument } from '../../src/client/operations.js';
import { makeImage } from '../helpers/images.js';
import {
  postUpload,
  s3ClientOf,
  startTestStack,
  type TestStack,
  type Ticket,
} from '../helpers/stack.js';

/**
 * Finding 1 of issue 14: form field names are case-insensitive on S3, and the front once checked
 * the policy against one spelling of a field and stored the object under another.
 */
describe('browser POST uploads: one value per field, whatever its spelling', () => {
  let stack: TestStack;
  let s3: S3Client;

  beforeAll(async () => {
    stack = await startTestStack();
    s3 = s3ClientOf(stack);
  });
  afterAll(async () => {
    s3?.destroy();
    await stack?.dispose();
  });

  const ticket = async (user: string, contentType = 'image/png'): Promise<Ticket> => {
    const created = await stack.gql(
      CreateUploadDocument,
      { input: { filename: 'a.png', contentType } },
      user,
    );
    expect(created.errors).toBeUndefined();
    return created.data!.createUpload;
  };
  const keyOf = (t: Ticket) => t.fields.find((f) => f.name === 'key')!.value;
  const original = (key: string) =>
    s3.send(new GetObjectCommand({ Bucket: 'darkroom-originals', Key: key })).then(async (o) => ({
      bytes: Buffer.from(await o.Body!.transformToByteArray()),
      type: o.ContentType,
    }));
  const absent = (key: string) =>
    s3.send(new HeadObjectCommand({ Bucket: 'darkroom-originals', Key: key })).then(
      () => false,
      (error: { $metadata?: { httpStatusCode?: number } }) =>
        error.$metadata?.httpStatusCode === 404,
    );
  const statusOf = async (id: string, user: string) =>
    (await stack.gql(ImageStatusDocument, { id }, user)).data!.imageStatus!.status;

  /** A form of `fields` in this order, then the file. */
  const post = (url: string, fields: [string, string][], file: Buffer) => {
    const form = new FormData();
    for (const [name, value] of fields) form.append(name, value);
    form.append('file', new Blob([new Uint8Array(file)]), 'upload');
    return fetch(url, { method: 'POST', body: form });
  };

  it('answers a page on another origin (the console) with the CORS headers S3 adds, stored or refused', async () => {
    const fromPage = (
      t: Ticket,
      bytes: Buffer,
      fields = t.fields.map((f) => [f.name, f.value]),
    ) => {
      const form = new FormData();
      for (const [name, value] of fields) form.append(name!, value!);
      form.append('file', new Blob([new Uint8Array(bytes)]), 'upload');
      return fetch(t.url, {
        method: 'POST',
        body: form,
        headers: { origin: 'http://127.0.0.1:4000' },
      });
    };
    const stored = await fromPage(await ticket('cora'), await makeImage(40, 30, 'png'));
    expect(stored.status).toBe(204);
    expect(stored.headers.get('access-control-allow-origin')).toBe('*');
    expect(stored.headers.get('access-control-expose-headers')).toBe('ETag');
    // A refusal must be readable too, or the page could only say "network error".
    const forged = await ticket('cora');
    const refused = await fromPage(
      forged,
      await makeImage(40, 30, 'png'),
      forged.fields.map((f) => [f.name, f.name === 'key' ? `${f.value}-other` : f.value]),
    );
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBe('*');
  });

  it("refuses the attacker's ticket carrying a victim's `key` in another spelling; the victim's original is untouched", async () => {
    const victimBytes = await makeImage(300, 200, 'png');
    const victim = await ticket('alice');
    expect((await postUpload(victim, victimBytes)).status).toBe(204);
    await stack.idle();
    const victimKey = keyOf(victim);
    expect((await original(victimKey)).bytes.equals(victimBytes)).toBe(true);

    const attacker = await ticket('mallory');
    const evil = await makeImage(300, 200, 'png', { alpha: true });
    const own = attacker.fields.map((f): [string, string] => [
      f.name === 'key' ? 'Key' : f.name,
      f.value,
    ]);
    // The victim's key first (the exact-case spelling), then the attacker's own signed fields;
    // and the other way round, the victim's key last in yet another spelling.
    for (const fields of [
      [['key', victimKey], ...own],
      [...own, ['KEY', victimKey]],
    ] as [string, string][][]) {
      const refused = await post(attacker.url, fields, evil);
      expect(refused.status).toBe(400);
      expect(await refused.text()).toContain('<Code>InvalidArgument</Code>');
    }

    await stack.idle();
    const after = await original(victimKey);
    expect(after.bytes.equals(victimBytes)).toBe(true);
    expect(after.type).toBe('image/png');
    expect(await statusOf(victim.imageId, 'alice')).toBe('PROCESSED');
    expect(await absent(keyOf(attacker))).toBe(true);
    expect(await statusOf(attacker.imageId, 'mallory')).toBe('PENDING_UPLOAD');
  });

  it('refuses Content-Type given twice, so no original is stored as text/html', async () => {
    const t = await ticket('mallory');
    const own = t.fields.map((f): [string, string] => [f.name, f.value]);
    const html = Buffer.from('<script>alert(document.domain)</script>');
    for (const fields of [
      [['content-type', 'text/html'], ...own],
      [...own, ['CONTENT-TYPE', 'text/html']],
    ] as [string, string][][]) {
      const refused = await post(t.url, fields, html);
      expect(refused.status).toBe(400);
      expect(await refused.text()).toContain('<Code>InvalidArgument</Code>');
    }
    await stack.idle();
    expect(await absent(keyOf(t))).toBe(true);
    expect(await statusOf(t.imageId, 'mallory')).toBe('PENDING_UPLOAD');

    // The same ticket, its fields once each (names in another case), is taken.
    const png = await makeImage(32, 32, 'png');
    const relabelled = own.map(([name, value]): [string, string] => [name.toUpperCase(), value]);
    expect((await post(t.url, relabelled, png)).status).toBe(204);
    await stack.idle();
    expect(await original(keyOf(t))).toMatchObject({ type: 'image/png' });
  });
});

describe("the stack's S3 credentials", () => {
  let dir: string;
  let stack: TestStack | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'darkroom-s3-folder-'));
  });
  afterAll(async () => {
    await stack?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it("are the data folder's own (0600, not s3rver's public pair), kept across a restart, and every handler signs with them", async () => {
    stack = await startTestStack({ DATA_DIR: dir });
    const { accessKeyId, secretAccessKey } = stack.s3Credentials;
    expect(accessKeyId).not.toBe('S3RVER');
    expect((await stat(join(dir, 's3-credentials.json'))).mode & 0o777).toBe(0o600);
    const before = await ticket(stack);
    expect((await postUpload(before, await makeImage(300, 200, 'png'))).status).toBe(204);
    await stack.idle();
    await stack.dispose(); // the helper's own scratch folder, not DATA_DIR

    stack = await startTestStack({ DATA_DIR: dir });
    expect(stack.s3Credentials).toMatchObject({ accessKeyId, secretAccessKey });
    const after = await ticket(stack);
    expect((await postUpload(after, await makeImage(300, 200, 'png'))).status).toBe(204);
    await stack.idle();
    for (const t of [before, after]) {
      const status = await stack.gql(ImageStatusDocument, { id: t.imageId });
      expect(status.data!.imageStatus!.status).toBe('PROCESSED');
    }
  });

  async function ticket(on: TestStack): Promise<Ticket> {
    const created = await on.gql(CreateUploadDocument, {
      input: { filename: 'a.png', contentType: 'image/png' },
    });
    return created.data!.createUpload;
  }
});

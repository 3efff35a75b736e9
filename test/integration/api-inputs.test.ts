/**
 * Inputs the API used to let through or answer wrongly (issue 14, findings 6–8): each refusal is
 * BAD_USER_INPUT with a specific message, and nothing is written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateUploadDocument } from '../../src/client/operations.js';
import { startTestStack, type TestStack } from '../helpers/stack.js';

describe('inputs', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack?.dispose());

  const imagesOf = async (user: string) => {
    const listed = await stack.gql<{ images: { edges: { node: { filename: string } }[] } }>(
      '{ images(first: 100) { edges { node { filename } } } }',
      {},
      user,
    );
    return listed.data?.images.edges.map((e) => e.node.filename) ?? [];
  };

  it('refuses a cursor whose parts are not a list position of this API, long ones included', async () => {
    const cursor = (parts: unknown) => Buffer.from(JSON.stringify(parts)).toString('base64url');
    const uuid = '0b7e6a51-6c0a-4c57-9d3e-1a2b3c4d5e6f';
    for (const after of [
      cursor(['2026-12-01T10:00:00.000Z', 'x'.repeat(3000)]), // DynamoDB: key too long
      cursor(['x'.repeat(1500), uuid]),
      cursor(['yesterday', uuid]),
      cursor(['2026-12-01T10:00:00.000Z', 'not-a-uuid']),
      'A'.repeat(5000),
    ]) {
      const response = await stack.gql(
        'query($after: String) { images(after: $after) { edges { cursor } } }',
        { after },
        'alice',
      );
      expect(response.errors?.[0]?.extensions?.code, after.slice(0, 40)).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0]?.message).toMatch(/not a cursor returned by this API/);
    }
    // A real cursor still works.
    await stack.gql(
      CreateUploadDocument,
      { input: { filename: 'a.jpg', contentType: 'image/jpeg' } },
      'cursor-user',
    );
    await stack.gql(
      CreateUploadDocument,
      { input: { filename: 'b.jpg', contentType: 'image/jpeg' } },
      'cursor-user',
    );
    const first = await stack.gql<{
      images: { edges: { cursor: string }[]; pageInfo: { endCursor: string } };
    }>('{ images(first: 1) { edges { cursor } pageInfo { endCursor } } }', {}, 'cursor-user');
    const next = await stack.gql<{ images: { edges: { cursor: string }[] } }>(
      'query($after: String) { images(first: 1, after: $after) { edges { cursor } } }',
      { after: first.data?.images.pageInfo.endCursor },
      'cursor-user',
    );
    expect(next.errors).toBeUndefined();
    expect(next.data?.images.edges).toHaveLength(1);
  });

  it('suggests no enum value, in a query or in its variables', async () => {
    const literal = await stack.gql('{ images(status: PROCESSD) { edges { cursor } } }');
    const variable = await stack.gql(
      'query($s: ImageStatus) { images(status: $s) { edges { cursor } } }',
      { s: 'PROCESSD' },
    );
    for (const response of [literal, variable]) {
      const message = (response.errors ?? []).map((e) => e.message).join('\n');
      expect(message).toMatch(/PROCESSD/); // still says what was wrong
      expect(message).not.toMatch(/Did you mean|PROCESSED|Suggestion/);
    }
  });

  it('refuses file names with bidirectional overrides, control, format or separator characters', async () => {
    for (const filename of [
      'invoice\u202Egpj.exe', // reads as "invoiceexe.jpg"
      '\u2066photo.jpg\u2069',
      'zero\u200Bwidth.jpg',
      'b\uFEFFom.jpg',
      'line\u2028break.jpg',
      'bell\u0007.jpg',
      'lone\uD800.jpg',
    ]) {
      const response = await stack.gql(
        CreateUploadDocument,
        { input: { filename, contentType: 'image/jpeg' } },
        'names',
      );
      expect(response.errors?.[0]?.extensions?.code, JSON.stringify(filename)).toBe(
        'BAD_USER_INPUT',
      );
      expect(response.errors?.[0]?.message).toMatch(/filename must be .*U\+[0-9A-F]{4}/);
    }
    expect(await imagesOf('names')).toEqual([]);

    // Names in any script, and emoji sequences joined by U+200D, are fine; stored as NFC.
    for (const filename of ['Ünïcödé 日本 фото.jpg', '👨‍👩‍👧 family.jpg', 'Cafe\u0301.jpg']) {
      const response = await stack.gql(
        CreateUploadDocument,
        { input: { filename, contentType: 'image/jpeg' } },
        'names',
      );
      expect(response.errors, filename).toBeUndefined();
    }
    expect((await imagesOf('names')).sort()).toEqual(
      ['Ünïcödé 日本 фото.jpg', '👨‍👩‍👧 family.jpg', 'Café.jpg'].sort(),
    );
  });

  it('refuses EPS by name at createUpload, says what to convert it to, and writes nothing', async () => {
    for (const contentType of ['application/postscript', 'Application/PostScript', 'image/x-eps']) {
      const response = await stack.gql(
        CreateUploadDocument,
        { input: { filename: 'logo.eps', contentType } },
        'eps',
      );
      const error = response.errors?.[0];
      expect(error?.extensions?.code, contentType).toBe('BAD_USER_INPUT');
      expect(error?.extensions?.field).toBe('contentType');
      expect(error?.message).toMatch(
        new RegExp(
          `^EPS \\(PostScript\\) \\(${contentType}\\) is not accepted\\. Darkroom does not run PostScript`,
        ),
      );
      expect(error?.message).toContain('to PNG for logos and line art');
      expect(error?.message).toContain('Accepted: image/jpeg, image/png');
    }
    expect(await imagesOf('eps')).toEqual([]);
    // Any other unknown type keeps the plain refusal.
    const other = await stack.gql(
      CreateUploadDocument,
      { input: { filename: 'a.bmp', contentType: 'image/bmp' } },
      'eps',
    );
    expect(other.errors?.[0]?.message).toMatch(/^Unsupported content type "image\/bmp"/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUERY_LIMITS } from '../../src/api/limits.js';
import { CreateUploadDocument, MetricsDocument } from '../../src/client/operations.js';
import { startTestStack, type TestStack } from '../helpers/stack.js';

describe('metrics per caller, everyone’s for the admin group', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
    const ticket = (user: string) =>
      stack.gql(
        CreateUploadDocument,
        { input: { filename: 'a.jpg', contentType: 'image/jpeg' } },
        user,
      );
    await Promise.all([ticket('alice'), ticket('bob'), ticket('bob')]);
    await stack.idle(); // tickets are counted from the table's stream
  });
  afterAll(() => stack?.dispose());

  it('each caller counts only their own images', async () => {
    const alice = await stack.gql(MetricsDocument, {}, 'alice');
    const bob = await stack.gql(MetricsDocument, {}, 'bob');
    expect(alice.data?.metrics.total).toBe(1);
    expect(bob.data?.metrics.total).toBe(2);
  });

  it('scope ALL is refused outside the admin group and sums every owner inside it', async () => {
    const refused = await stack.gql(MetricsDocument, { scope: 'ALL' }, 'alice');
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.message).toMatch(/admin group/);

    const elsewhere = await stack.gql(MetricsDocument, { scope: 'ALL' }, 'carol,editors');
    expect(elsewhere.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const admin = await stack.gql(MetricsDocument, { scope: 'ALL' }, 'root,editors,admin');
    expect(admin.errors).toBeUndefined();
    expect(admin.data?.metrics.total).toBe(3);
    // An admin's own scope is still their own.
    const own = await stack.gql(MetricsDocument, {}, 'root,admin');
    expect(own.data?.metrics.total).toBe(0);
  });
});

describe('query limits (graphql-armor)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack?.dispose());

  const messages = (response: { errors?: { message: string }[] }) =>
    (response.errors ?? []).map((e) => e.message).join('\n');

  it('refuses a query nested deeper than the limit', async () => {
    const depth = QUERY_LIMITS.maxDepth + 2;
    const query = `{ ${'images { edges { node { '.repeat(1)}${'a { '.repeat(depth)}b${' }'.repeat(depth)} } } } }`;
    const response = await stack.gql(query);
    expect(messages(response)).toMatch(/depth limit of 10/i);
  });

  it('refuses more aliases than the limit, and accepts that many', async () => {
    const aliased = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `m${i}: metrics { total }`).join(' ')} }`;
    const over = await stack.gql(aliased(QUERY_LIMITS.maxAliases + 1));
    expect(messages(over)).toMatch(/aliases limit of 15/i);
    const at = await stack.gql(aliased(QUERY_LIMITS.maxAliases));
    expect(at.errors).toBeUndefined();
  });

  it('refuses a document with more tokens than the limit', async () => {
    const fields = Array.from({ length: QUERY_LIMITS.maxTokens }, () => 'total').join(' ');
    const response = await fetch(stack.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ metrics { ${fields} } }` }),
    });
    // Refused while parsing, as the client's fault.
    expect(response.status).toBe(400);
    expect(messages((await response.json()) as { errors?: { message: string }[] })).toMatch(
      /Document contains more (than|that) 2000 tokens/i,
    );
  });

  it('refuses too many directives', async () => {
    const directives = Array.from(
      { length: QUERY_LIMITS.maxDirectives + 1 },
      () => '@include(if: true)',
    );
    const response = await stack.gql(`{ metrics { total ${directives.join(' ')} } }`);
    expect(messages(response)).toMatch(/directives limit of 20/i);
  });

  it('answers a syntax error as the caller’s fault (400), saying where', async () => {
    const response = await fetch(stack.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ metrics { total ' }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      errors: { message: string; extensions: { code: string } }[];
    };
    expect(body.errors[0]?.extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(body.errors[0]?.message).toMatch(/Syntax Error/);
  });

  it('names no other fields when a field does not exist', async () => {
    const response = await stack.gql('{ imag(id: "x") { id } }');
    expect(messages(response)).toMatch(/Cannot query field/);
    expect(messages(response)).not.toMatch(/Did you mean/);
  });

  it('refuses batched requests', async () => {
    const response = await fetch(stack.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        { query: '{ metrics { total } }' },
        { query: '{ metrics { total } }' },
      ]),
    });
    expect(response.status).toBe(400);
  });

  it('still answers the introspection query GraphiQL and codegen send', async () => {
    const { getIntrospectionQuery } = await import('graphql');
    const response = await stack.gql<{ __schema: { queryType: { name: string } } }>(
      getIntrospectionQuery({
        descriptions: true,
        specifiedByUrl: true,
        inputValueDeprecation: true,
      }),
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.__schema.queryType.name).toBe('Query');
  });
});

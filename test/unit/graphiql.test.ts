import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { defaultHeaders, exampleTabs, type GraphiqlAuth } from '../../src/graphiql/examples.js';
import { AUTH_PLACEHOLDER } from '../../src/graphiql/page-file.js';
import { createGraphiqlResponder, prefersHtml } from '../../src/api/graphiql.js';
import { typeDefs } from '../../src/schema/generated/type-defs.js';

const BROWSER_ACCEPT =
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

describe('content negotiation: who gets the page', () => {
  it.each([
    [BROWSER_ACCEPT, true],
    ['text/html', true],
    ['*/*', false], // curl
    ['application/json', false],
    ['application/graphql-response+json, application/json;q=0.9', false],
    ['text/html;q=0.5, application/json', false],
    ['text/*, application/json;q=0.5', true],
    ['text/html, application/json', false], // a tie goes to GraphQL
    [undefined, false],
  ])('Accept %j → page: %s', (accept, expected) => {
    expect(prefersHtml(accept)).toBe(expected);
  });
});

function event(
  headers: Record<string, string>,
  query?: Record<string, string>,
  method = 'GET',
): APIGatewayProxyEventV2 {
  return {
    headers,
    ...(query ? { queryStringParameters: query } : {}),
    requestContext: { http: { method } },
  } as unknown as APIGatewayProxyEventV2; // only the fields the responder reads
}

const PAGE = `<!doctype html><style>a{}</style><div data-auth="${AUTH_PLACEHOLDER}"></div><script>go()</script>`;

describe('the page response', () => {
  const responder = (loadPage = vi.fn(() => Promise.resolve(PAGE))) => ({
    loadPage,
    respond: createGraphiqlResponder({ loadPage, auth: 'dev' }),
  });

  it('answers browsers only: not GraphQL over GET, not POST, not curl', async () => {
    const { respond, loadPage } = responder();
    for (const other of [
      event({ accept: BROWSER_ACCEPT }, { query: '{ metrics { total } }' }),
      event({ accept: BROWSER_ACCEPT }, undefined, 'POST'),
      event({ accept: '*/*' }),
    ]) {
      expect(await respond(other)).toBeUndefined();
    }
    expect(loadPage).not.toHaveBeenCalled();
  });

  it('fills in the auth scheme, sets a CSP that allows exactly the inline script, and caches', async () => {
    const { respond, loadPage } = responder();
    const first = await respond(event({ accept: BROWSER_ACCEPT, 'accept-encoding': 'identity' }));
    expect(first?.statusCode).toBe(200);
    expect(first?.body).toContain('data-auth="dev"');
    const headers = first?.headers ?? {};
    expect(headers['content-type']).toBe('text/html; charset=utf-8');
    expect(headers['content-security-policy']).toContain("default-src 'none'");
    // sha256("go()"), base64
    expect(headers['content-security-policy']).toContain(
      "script-src 'sha256-5KYv+PUboo5h+0+YAtGRPbwv5d/QxzHslP4YGnUaxRw='",
    );
    expect(headers['content-security-policy']).not.toMatch(/https?:|\*/);

    const again = await respond(
      event({ accept: BROWSER_ACCEPT, 'if-none-match': String(headers.etag) }),
    );
    expect(again?.statusCode).toBe(304);
    expect(loadPage).toHaveBeenCalledTimes(1);
  });

  it('gzips for clients that accept it', async () => {
    const { respond } = responder();
    const result = await respond(event({ accept: BROWSER_ACCEPT, 'accept-encoding': 'gzip, br' }));
    expect(result?.headers?.['content-encoding']).toBe('gzip');
    expect(result?.isBase64Encoded).toBe(true);
    const { gunzipSync } = await import('node:zlib');
    expect(gunzipSync(Buffer.from(result!.body!, 'base64')).toString()).toContain(
      'data-auth="dev"',
    );
  });

  it('tries again after a failed read', async () => {
    const loadPage = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(new Error('ENOENT'))
      .mockResolvedValue(PAGE);
    const { respond } = responder(loadPage);
    await expect(respond(event({ accept: BROWSER_ACCEPT }))).rejects.toThrow('ENOENT');
    expect((await respond(event({ accept: BROWSER_ACCEPT })))?.statusCode).toBe(200);
  });
});

describe('the preloaded examples', () => {
  const schema = buildSchema(typeDefs);

  it.each<GraphiqlAuth>(['dev', 'jwt'])(
    '%s: every tab is a valid operation with JSON variables, and the header is documented',
    (auth) => {
      const tabs = exampleTabs(auth);
      const operations = tabs.map((tab) => {
        const document = parse(tab.query);
        expect(validate(schema, document)).toEqual([]);
        if (tab.variables) expect(() => JSON.parse(tab.variables!) as unknown).not.toThrow();
        return document.definitions.map((d) => ('name' in d ? d.name?.value : undefined));
      });
      expect(operations.flat()).toEqual([
        'Metrics',
        'CreateUpload',
        'Images',
        'Image',
        'ImageStatus',
      ]);
      expect(tabs[0]!.query).toContain('Authorization');
    },
  );

  it('suggests the dev scheme on the embedded default and a Cognito token in the cloud', () => {
    expect(JSON.parse(defaultHeaders('dev'))).toEqual({ Authorization: 'Bearer dev:alice' });
    expect(JSON.parse(defaultHeaders('jwt'))).toEqual({
      Authorization: expect.stringMatching(/^Bearer .*Cognito/) as unknown,
    });
  });
});

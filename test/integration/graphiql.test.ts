/**
 * GET /graphql through the local API Gateway and the API handler, without a browser: the page,
 * its Content-Security-Policy and caching, that it needs nothing from elsewhere, and that GraphQL
 * over GET (with Apollo's CSRF prevention) is unchanged. test/e2e/graphiql.test.ts runs the page.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../helpers/stack.js';

const BROWSER = {
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8',
};

/**
 * Hosts the bundle names in strings that are never fetched: XML namespaces (w3.org), React's
 * error-decoder links, and links a person may click in GraphiQL's UI or in descriptions.
 */
const INERT_HOSTS = new Set([
  'www.w3.org',
  'react.dev',
  'github.com',
  'codemirror.net',
  'commonmark.org',
  'en.wikipedia.org',
  'yarnpkg.com',
]);

const inline = (html: string, tag: string) =>
  [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]!);

describe('GET /graphql', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  }, 120_000);
  afterAll(() => stack?.dispose());

  it('serves GraphiQL to a browser, with a CSP that admits its inline script and no origin', async () => {
    const response = await fetch(stack.graphqlUrl, { headers: BROWSER });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(html).toContain('<div id="graphiql" data-auth="dev">');

    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/https?:|\*|'unsafe-eval'/);
    const scripts = inline(html, 'script');
    expect(scripts).toHaveLength(1);
    const digest = createHash('sha256').update(scripts[0]!).digest('base64');
    expect(csp).toContain(`script-src 'sha256-${digest}'`);
  }, 120_000);

  it('loads nothing from elsewhere: no external src/href/url(), no CDN in the script', async () => {
    const html = await (await fetch(stack.graphqlUrl, { headers: BROWSER })).text();
    const markup = html.replace(/<(script|style)>[\s\S]*?<\/\1>/g, '');
    for (const [, value] of markup.matchAll(/\b(?:src|href)="([^"]*)"/g)) {
      expect(value).toMatch(/^data:/);
    }
    const css = inline(html, 'style').join('\n');
    expect(css).not.toMatch(/@import/);
    for (const [, url] of css.matchAll(/url\(\s*["']?([^"')]*)/g)) expect(url).toMatch(/^data:/);

    const hosts = new Set(
      [...html.matchAll(/https?:\/\/([a-z0-9.-]+\.[a-z]{2,})/gi)].map((m) => m[1]!.toLowerCase()),
    );
    expect([...hosts].filter((host) => !INERT_HOSTS.has(host))).toEqual([]);
  });

  it('revalidates cheaply (ETag) and compresses for browsers', async () => {
    const first = await fetch(stack.graphqlUrl, {
      headers: { ...BROWSER, 'accept-encoding': 'gzip' },
    });
    expect(first.headers.get('content-encoding')).toBe('gzip');
    expect(first.headers.get('cache-control')).toBe('no-cache');
    expect(await first.text()).toContain('id="graphiql"'); // fetch gunzips
    const etag = first.headers.get('etag')!;
    const again = await fetch(stack.graphqlUrl, {
      headers: { ...BROWSER, 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
  });

  it('still answers GraphQL over GET, with CSRF prevention on', async () => {
    const url = `${stack.graphqlUrl}?query=${encodeURIComponent('{ metrics { total } }')}`;
    const ok = await fetch(url, {
      headers: { 'apollo-require-preflight': 'true', authorization: 'Bearer dev:gina' },
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ data: { metrics: { total: 0 } } });

    // A browser navigating to a query URL gets GraphQL's answer, not the page: here Apollo's
    // refusal of a simple cross-site-able request.
    const navigation = await fetch(url, { headers: BROWSER });
    expect(navigation.status).toBe(400);
    expect(navigation.headers.get('content-type')).not.toMatch(/html/);
    expect(await navigation.text()).toMatch(/CSRF/i);

    // curl (Accept: */*) without a query: GraphQL's error, not the page.
    const curl = await fetch(stack.graphqlUrl, { headers: { accept: '*/*' } });
    expect(curl.status).toBe(400);
    expect(curl.headers.get('content-type')).toMatch(/json/);
  });
});

describe('GET /graphql with GRAPHIQL=false', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ GRAPHIQL: 'false' });
  }, 60_000);
  afterAll(() => stack?.dispose());

  it('gives a browser the API’s JSON answer, not the page', async () => {
    const response = await fetch(stack.graphqlUrl, { headers: BROWSER });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/json/);
    expect(response.headers.get('content-security-policy')).toBeNull();
  });
});

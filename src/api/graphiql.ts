import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { GraphiqlAuth } from '../graphiql/examples.js';
import { AUTH_PLACEHOLDER } from '../graphiql/page-file.js';

export interface GraphiqlOptions {
  /** Reads the built page (src/graphiql/build.ts); called once, on the first page request. */
  loadPage: () => Promise<string>;
  /** The Authorization header the page suggests: the embedded default's or a Cognito JWT. */
  auth: GraphiqlAuth;
}

type Result = APIGatewayProxyStructuredResultV2;

/** The page as served: headers and body are the same for every request, so made once. */
interface ServedPage {
  html: string;
  gzipBase64: string;
  etag: string;
  csp: string;
}

const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** The source of every inline script of the page, which the policy allows by hash. */
const inlineScripts = (html: string) =>
  [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);

/**
 * Nothing but the page's own inline script and styles, its data: fonts and icons, and POSTs
 * back to the API. No other origin can be reached even if a library tried.
 */
export function contentSecurityPolicy(html: string): string {
  const scripts = inlineScripts(html).map(hash);
  if (scripts.length === 0) throw new Error('the GraphiQL page has no inline script');
  return [
    "default-src 'none'",
    `script-src ${scripts.join(' ')}`,
    // GraphiQL's dialogs (Radix, react-remove-scroll) inject <style> elements at run time whose
    // text depends on the scrollbar's width, so no hash can cover them; CSS cannot fetch
    // anything here anyway, as img-src and font-src allow data: only.
    "style-src 'unsafe-inline'",
    'img-src data:',
    'font-src data:',
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function servedPage(built: string, auth: GraphiqlAuth): ServedPage {
  if (!built.includes(AUTH_PLACEHOLDER))
    throw new Error('the GraphiQL page has no auth placeholder');
  const html = built.replace(AUTH_PLACEHOLDER, auth);
  return {
    html,
    gzipBase64: gzipSync(html).toString('base64'),
    etag: `"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"`,
    csp: contentSecurityPolicy(html),
  };
}

/** q-values of an Accept header, by media range (`type/subtype`, `type/*`, `*\/*`). */
function acceptRanges(accept: string): Map<string, number> {
  const ranges = new Map<string, number>();
  for (const part of accept.split(',')) {
    const [range, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (!range) continue;
    const q = params.find((p) => p.startsWith('q='));
    const weight = q ? Number(q.slice(2)) : 1;
    ranges.set(range, Number.isFinite(weight) ? weight : 0);
  }
  return ranges;
}

/** How much `accept` wants `type`: the q of the most specific range that matches it. */
function quality(ranges: Map<string, number>, type: string): number {
  return ranges.get(type) ?? ranges.get(`${type.split('/')[0]}/*`) ?? ranges.get('*/*') ?? 0;
}

/** True when the caller ranks HTML above GraphQL's JSON responses (a browser; not curl's *\/*). */
export function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  const ranges = acceptRanges(accept);
  const json = Math.max(
    quality(ranges, 'application/json'),
    quality(ranges, 'application/graphql-response+json'),
  );
  return quality(ranges, 'text/html') > json;
}

/** A browser opening the endpoint: GET, wants HTML, and carries no GraphQL query. */
export function wantsGraphiql(event: APIGatewayProxyEventV2): boolean {
  return (
    event.requestContext.http.method === 'GET' &&
    event.queryStringParameters?.query === undefined &&
    prefersHtml(event.headers.accept)
  );
}

/**
 * Serves GraphiQL to browsers that open the endpoint; answers undefined for every other request
 * (GraphQL over GET or POST), which the API handles as usual.
 */
export function createGraphiqlResponder(options: GraphiqlOptions) {
  let page: Promise<ServedPage> | undefined;
  const load = () => {
    if (!page) {
      page = options.loadPage().then((built) => servedPage(built, options.auth));
      // A failed read is not kept: the next request tries again.
      page.catch(() => (page = undefined));
    }
    return page;
  };

  return async (event: APIGatewayProxyEventV2): Promise<Result | undefined> => {
    if (!wantsGraphiql(event)) return undefined;
    const { html, gzipBase64, etag, csp } = await load();
    const headers = {
      'cache-control': 'no-cache',
      etag,
      vary: 'accept, accept-encoding',
    };
    if (event.headers['if-none-match']?.split(/\s*,\s*/).includes(etag)) {
      return { statusCode: 304, headers };
    }
    const gzip = /\bgzip\b/i.test(event.headers['accept-encoding'] ?? '');
    return {
      statusCode: 200,
      headers: {
        ...headers,
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': csp,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        ...(gzip ? { 'content-encoding': 'gzip' } : {}),
      },
      // Gzipped, the page is about 700 KB instead of 1.7 MB (Lambda answers at most 6 MB).
      body: gzip ? gzipBase64 : html,
      isBase64Encoded: gzip,
    };
  };
}

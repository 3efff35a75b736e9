import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  CONSOLE_ASSETS_PREFIX,
  CONSOLE_CONFIG_PATH,
  type ConsoleConfig,
} from '../console/config.js';
import { consoleContentSecurityPolicy, type ConsoleOrigins } from '../console/csp.js';
import { matches } from '../delivery/responses.js';

export interface ConsoleFrontOptions {
  /** The built console: path → contents (src/console/build.ts), read on the first request. */
  files: () => Promise<Record<string, string>>;
  config: ConsoleConfig;
  origins: ConsoleOrigins;
}

export type ConsoleFront = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** The paths the console answers: `/`, its index and everything under /console/. */
export const isConsolePath = (path: string) =>
  path === '/' || path === '/index.html' || path.startsWith(CONSOLE_ASSETS_PREFIX);

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json',
};

/** Hashed names (console/app-<hash>.js) never change content: a year, as on CloudFront. */
const cacheControl = (path: string) =>
  path.startsWith(`${CONSOLE_ASSETS_PREFIX}app-`)
    ? 'public, max-age=31536000, immutable'
    : 'no-cache';

/**
 * What the distribution's console behaviours do on AWS (terraform/console.tf): the built files and
 * the stack's config.json, GET and HEAD only, with the same Content-Security-Policy and security
 * headers, and ETags so a reload revalidates instead of downloading again.
 */
export function createConsoleFront(options: ConsoleFrontOptions): ConsoleFront {
  const csp = consoleContentSecurityPolicy(options.origins);
  const config = `${JSON.stringify(options.config, null, 2)}\n`;
  // The files do not change while the process runs: each body's tag is hashed once.
  const tags = new Map<string, string>();
  const tagOf = (body: string) => {
    let tag = tags.get(body);
    if (!tag) {
      tag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
      tags.set(body, tag);
    }
    return tag;
  };
  return async (req, res) => {
    const method = (req.method ?? 'GET').toUpperCase();
    const path = new URL(req.url ?? '/', 'http://local').pathname;
    const headers: Record<string, string> = {
      'content-security-policy': csp,
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
    };
    if (method !== 'GET' && method !== 'HEAD') {
      res.writeHead(403, { ...headers, 'content-type': 'text/plain' });
      return void res.end('Forbidden: only GET and HEAD');
    }
    const name = path === '/' ? 'index.html' : path.slice(1);
    const body = path === CONSOLE_CONFIG_PATH ? config : (await options.files())[name];
    if (body === undefined) {
      res.writeHead(404, { ...headers, 'content-type': 'text/plain', 'cache-control': 'no-cache' });
      return void res.end('Not Found');
    }
    const etag = tagOf(body);
    Object.assign(headers, {
      'content-type': TYPES[name.split('.').pop() ?? ''] ?? 'application/octet-stream',
      'cache-control': cacheControl(path),
      etag,
    });
    if (matches(req.headers['if-none-match'], etag)) {
      res.writeHead(304, headers);
      return void res.end();
    }
    res.writeHead(200, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
    res.end(method === 'HEAD' ? undefined : body);
  };
}

/** The embedded default's console: dev sign-in, the API on this server, S3 on the emulator's port. */
export function localConsoleFront(stack: {
  files: () => Promise<Record<string, string>>;
  graphqlUrl: string;
  deliveryUrl: string;
  s3Endpoint: string;
  adminGroup: string;
}): ConsoleFront {
  const s3 = new URL(stack.s3Endpoint).origin;
  return createConsoleFront({
    files: stack.files,
    config: { graphqlUrl: stack.graphqlUrl, adminGroup: stack.adminGroup, auth: { mode: 'dev' } },
    // Uploads and the review queue's presigned URLs go to the S3 port; DELIVERY_BASE_URL may
    // point images elsewhere (a tunnel, a proxy) than this server.
    origins: {
      connect: [s3, new URL(stack.graphqlUrl).origin],
      images: [s3, new URL(stack.deliveryUrl).origin],
    },
  });
}

/**
 * The embedded default's console front: what the distribution's console behaviours answer on AWS
 * (terraform/console.tf), on one port with the API. A browser must get the built files with the
 * policy, revalidate instead of re-download, and find the stack's own configuration.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleConfigSchema } from '../../src/console/config.js';
import { localConsoleFront } from '../../src/local/console-front.js';

const FILES = {
  'index.html': '<!doctype html><title>Darkroom</title>',
  'console/app-ABC123.js': 'console.log(1)',
  'console/app-ABC123.css': 'body{margin:0}',
};

describe('the local console front', () => {
  let server: Server;
  let base: string;
  let reads = 0;

  beforeAll(async () => {
    const front = localConsoleFront({
      files: () => {
        reads += 1;
        return Promise.resolve(FILES);
      },
      graphqlUrl: 'http://127.0.0.1:4000/graphql',
      deliveryUrl: 'http://127.0.0.1:4000',
      s3Endpoint: 'http://127.0.0.1:4569',
      adminGroup: 'editors',
    });
    server = createServer((req, res) => void front(req, res));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('serves index.html at / under a policy that allows only the stack’s origins', async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toBe(FILES['index.html']);
    const csp = response.headers.get('content-security-policy')!;
    expect(csp.split('; ')).toEqual([
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data: blob: http://127.0.0.1:4000 http://127.0.0.1:4569",
      "connect-src 'self' http://127.0.0.1:4000 http://127.0.0.1:4569",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ]);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('lets browsers keep the hashed files a year, and revalidates the rest by ETag', async () => {
    const script = await fetch(`${base}/console/app-ABC123.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const index = await fetch(`${base}/index.html`);
    const again = await fetch(`${base}/`, {
      headers: { 'if-none-match': index.headers.get('etag')! },
    });
    expect(again.status).toBe(304);
    expect(reads).toBeGreaterThan(0);
  });

  it('gives the page this stack’s configuration: its API, its admin group, dev sign-in', async () => {
    const response = await fetch(`${base}/console/config.json`);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(ConsoleConfigSchema.parse(await response.json())).toEqual({
      graphqlUrl: 'http://127.0.0.1:4000/graphql',
      adminGroup: 'editors',
      auth: { mode: 'dev' },
    });
  });

  it('answers only GET and HEAD, and 404 for what was not built', async () => {
    const head = await fetch(`${base}/console/app-ABC123.css`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(FILES['console/app-ABC123.css'].length));
    expect((await fetch(`${base}/`, { method: 'POST', body: 'x' })).status).toBe(403);
    expect((await fetch(`${base}/console/app-OLD.js`)).status).toBe(404);
    expect((await fetch(`${base}/console/../index.html`)).status).toBe(200);
    expect((await fetch(`${base}/console/%2e%2e/package.json`)).status).toBe(404);
  });
});

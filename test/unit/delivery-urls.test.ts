import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundleEdge, EDGE_MAX_BYTES, EDGE_OUTPUT } from '../../scripts/build-edge.js';
import { negotiate } from '../../src/urls/accept.js';
import {
  authorise,
  KVS_KEY_PREFIX,
  KVS_REQUIRE_EXPIRY,
  readRequest,
  refusalText,
  VIEWER_URL_HEADER,
} from '../../src/urls/edge.js';
import {
  formatPath,
  parsePath,
  parseRenderKey,
  storageKey,
  type DeliveryPath,
} from '../../src/urls/grammar.js';
import { transformProblem } from '../../src/urls/limits.js';
import { signQuery } from '../../src/urls/signature.js';
import { DeliverySigner, nodeHmac } from '../../src/urls/signer.js';

const ID = '0b5ad2c6-3c1e-4b8e-9d57-2f4c1e6a7b90';
const KEYS = {
  k1: 'the-first-secret-is-at-least-32-characters',
  k2: 'a-second-secret-used-while-keys-rotate',
};
const NOW = 1_800_000_000;

const variant: DeliveryPath = {
  kind: 'variant',
  imageId: ID,
  generation: 0,
  name: 'small',
  extension: 'jpg',
};
const render: DeliveryPath = {
  kind: 'render',
  imageId: ID,
  generation: 3,
  transform: { width: 828, fit: 'inside', format: 'auto', dpr: 2 },
};
const sign = (path: DeliveryPath | string, keyId: keyof typeof KEYS, expires?: number) => {
  const text = typeof path === 'string' ? path : formatPath(path);
  return {
    uri: text,
    query: new URLSearchParams(
      signQuery(nodeHmac, text, { id: keyId, secret: KEYS[keyId] }, expires),
    ),
  };
};

interface Vector {
  name: string;
  uri: string;
  query: URLSearchParams;
  accept?: string;
  requireExpiry?: boolean;
  /** What both verifiers must decide: a refusal's status and body, or the storage key forwarded to. */
  expect: { status: 403 | 404; body: string } | { key: string };
}

const tamper = (q: URLSearchParams, name: string, value: string | null) => {
  const copy = new URLSearchParams(q);
  if (value === null) copy.delete(name);
  else copy.set(name, value);
  return copy;
};

/** The vectors both the local verifier and the built CloudFront Function are run against. */
const s1 = sign(variant, 'k1');
const s2 = sign(render, 'k2', NOW + 60);
const VECTORS: Vector[] = [
  { name: 'a variant signed by k1', ...s1, expect: { key: `variants/${ID}/small.jpg` } },
  {
    name: 'an auto render by k2 with an expiry, AVIF accepted',
    ...s2,
    accept: 'image/avif,image/webp,*/*',
    expect: { key: `renders/${ID}/3/w828_inside_x2.avif` },
  },
  {
    name: 'webp accepted',
    ...s2,
    accept: 'image/webp,*/*;q=0.8',
    expect: { key: `renders/${ID}/3/w828_inside_x2.webp` },
  },
  {
    name: 'nothing modern accepted',
    ...s2,
    accept: '*/*',
    expect: { key: `renders/${ID}/3/w828_inside_x2.jpg-or-png` },
  },
  { name: 'no Accept at all', ...s2, expect: { key: `renders/${ID}/3/w828_inside_x2.jpg-or-png` } },
  {
    name: 'AVIF refused with q=0',
    ...s2,
    accept: 'image/avif;q=0, image/webp',
    expect: { key: `renders/${ID}/3/w828_inside_x2.webp` },
  },
  {
    name: 'no signature',
    uri: s1.uri,
    query: tamper(s1.query, 's', null),
    expect: { status: 403, body: 'Forbidden: missing signature' },
  },
  {
    name: 'no key id',
    uri: s1.uri,
    query: tamper(s1.query, 'k', null),
    expect: { status: 403, body: 'Forbidden: missing signature' },
  },
  {
    name: 'an unknown key',
    uri: s1.uri,
    query: tamper(s1.query, 'k', 'k9'),
    expect: { status: 403, body: 'Forbidden: unknown key' },
  },
  {
    name: "another key's id",
    uri: s1.uri,
    query: tamper(s1.query, 'k', 'k2'),
    expect: { status: 403, body: 'Forbidden: bad signature' },
  },
  {
    name: 'a changed signature',
    uri: s1.uri,
    query: tamper(s1.query, 's', 'x'.repeat(43)),
    expect: { status: 403, body: 'Forbidden: bad signature' },
  },
  {
    name: 'another path',
    uri: s1.uri.replace('small', 'large'),
    query: s1.query,
    expect: { status: 403, body: 'Forbidden: bad signature' },
  },
  {
    name: 'another generation',
    uri: s1.uri.replace('/0/', '/1/'),
    query: s1.query,
    expect: { status: 403, body: 'Forbidden: bad signature' },
  },
  {
    name: 'an expiry added',
    uri: s1.uri,
    query: tamper(s1.query, 'e', String(NOW + 999)),
    expect: { status: 403, body: 'Forbidden: bad signature' },
  },
  {
    name: 'an expiry extended',
    uri: s2.uri,
    query: tamper(s2.query, 'e', String(NOW + 9999)),
    expect: { status: 403, body: 'Forbidden: bad signature' },
  },
  {
    name: 'a malformed expiry',
    uri: s2.uri,
    query: tamper(s2.query, 'e', '1e9'),
    expect: { status: 403, body: 'Forbidden: malformed expiry' },
  },
  {
    name: 'expired',
    ...sign(variant, 'k1', NOW),
    expect: { status: 403, body: 'Forbidden: expired' },
  },
  {
    name: 'no expiry in expiring mode',
    ...s1,
    requireExpiry: true,
    expect: { status: 403, body: 'Forbidden: expiry required' },
  },
  {
    name: 'an expiry in expiring mode',
    ...s2,
    requireExpiry: true,
    accept: '*/*',
    expect: { key: `renders/${ID}/3/w828_inside_x2.jpg-or-png` },
  },
  {
    name: 'a path outside the grammar',
    uri: '/i/../../etc/passwd',
    query: s1.query,
    expect: { status: 404, body: 'Not Found' },
  },
  {
    name: 'a non-canonical transform',
    ...sign(`/t/${ID}/0/inside_w828_x2.auto`, 'k1'),
    expect: { status: 404, body: 'Not Found' },
  },
  {
    name: 'a DPR with trailing zeros',
    ...sign(`/t/${ID}/0/w828_inside_x2.0.auto`, 'k1'),
    expect: { status: 404, body: 'Not Found' },
  },
  {
    name: 'an unknown format',
    ...sign(`/t/${ID}/0/w828_inside_x2.gif`, 'k1'),
    expect: { status: 404, body: 'Not Found' },
  },
  {
    name: 'a generation with a leading zero',
    ...sign(`/i/${ID}/01/small.jpg`, 'k1'),
    expect: { status: 404, body: 'Not Found' },
  },
];

/** The local verifier (what the embedded default's delivery front runs). */
function local(v: Vector): { status: number; body?: string; key?: string } {
  const values: Record<string, string> = {};
  for (const [name, value] of v.query) values[name] ??= value;
  const read = readRequest(v.uri, values);
  if ('status' in read) return { status: read.status, body: refusalText(read) };
  const secret = (KEYS as Record<string, string>)[read.keyId];
  const outcome = authorise(nodeHmac, read, secret, {
    nowSeconds: NOW,
    requireExpiry: v.requireExpiry ?? false,
    accept: v.accept,
  });
  return outcome.status === 200
    ? { status: 200, key: outcome.key }
    : { status: outcome.status, body: refusalText(outcome) };
}

interface EdgeResult {
  statusCode?: number;
  body?: { data: string };
  uri?: string;
  querystring?: Record<string, unknown>;
  headers?: Record<string, { value: string }>;
}

/** The generated CloudFront Function, run as the runtime would: its imports given, `handler` called. */
function loadEdge(code: string, requireExpiry: boolean) {
  const store: Record<string, string> = { [KVS_REQUIRE_EXPIRY]: String(requireExpiry) };
  for (const [id, secret] of Object.entries(KEYS)) store[KVS_KEY_PREFIX + id] = secret;
  const cf = {
    kvs: () => ({
      get: (key: string) =>
        key in store ? Promise.resolve(store[key]) : Promise.reject(new Error('key not found')),
    }),
  };
  const body = code.replace(/^import crypto from"crypto";import cf from"cloudfront";/m, '');
  expect(body).not.toBe(code);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the function's code, as CloudFront would load it
  const factory = new Function('crypto', 'cf', 'Date', `${body}\nreturn handler;`) as (
    c: typeof crypto,
    k: typeof cf,
    d: DateConstructor,
  ) => (event: unknown) => Promise<EdgeResult>;
  // The function reads the clock only through Date.now(): the vectors' instant.
  const fixedDate = Object.assign(function () {}, {
    now: () => NOW * 1000,
  }) as unknown as DateConstructor;
  return factory(crypto, cf, fixedDate);
}

async function edge(code: string, v: Vector) {
  const querystring: Record<string, { value: string }> = {};
  for (const [name, value] of v.query) querystring[name] ??= { value };
  const headers: Record<string, { value: string }> = {};
  if (v.accept) headers.accept = { value: v.accept };
  const handler = loadEdge(code, v.requireExpiry ?? false);
  const result = await handler({
    version: '1.0',
    context: {},
    viewer: { ip: '1.2.3.4' },
    request: { method: 'GET', uri: v.uri, querystring, headers, cookies: {} },
  });
  if (result.statusCode !== undefined)
    return { status: result.statusCode, body: result.body!.data, result };
  return { status: 200, key: result.uri!.slice(1), result };
}

describe('the delivery URL grammar', () => {
  it('reads back every path it writes', () => {
    const paths: DeliveryPath[] = [
      variant,
      { ...variant, generation: 12, extension: 'avif' },
      render,
      {
        kind: 'render',
        imageId: ID,
        generation: 0,
        transform: { height: 300, fit: 'cover', format: 'png', dpr: 1.5 },
      },
      {
        kind: 'render',
        imageId: ID,
        generation: 0,
        transform: { fit: 'inside', format: 'webp', dpr: 1 },
      },
      {
        kind: 'render',
        imageId: ID,
        generation: 0,
        transform: { width: 10, height: 20, fit: 'cover', format: 'jpeg', dpr: 2.63 },
      },
    ];
    for (const path of paths) expect(parsePath(formatPath(path))).toEqual(path);
    expect(formatPath(render)).toBe(`/t/${ID}/3/w828_inside_x2.auto`);
  });

  it('keys stored renders by the negotiated format, and reads the key back', () => {
    expect(storageKey(render, 'webp')).toBe(`renders/${ID}/3/w828_inside_x2.webp`);
    expect(parseRenderKey(`renders/${ID}/3/w828_inside_x2.jpg-or-png`)).toEqual({
      imageId: ID,
      generation: 3,
      target: 'jpeg-or-png',
      transform: { width: 828, fit: 'inside', format: 'auto', dpr: 2 },
    });
    expect(parseRenderKey(`variants/${ID}/small.jpg`)).toBeUndefined();
  });

  it('negotiates from q-values, never from wildcards', () => {
    expect(negotiate('image/AVIF')).toBe('avif');
    expect(negotiate('image/*')).toBe('jpeg-or-png');
    expect(negotiate('image/webp;q=0.5, image/avif;q=0.0')).toBe('webp');
  });

  it('states the limits: DPR 1 to 3, the largest side after DPR, the allowed sizes', () => {
    const limits = { maxSide: 4096 };
    expect(
      transformProblem({ width: 2048, fit: 'inside', format: 'auto', dpr: 2 }, limits),
    ).toBeUndefined();
    expect(transformProblem({ width: 2049, fit: 'inside', format: 'auto', dpr: 2 }, limits)).toBe(
      'width × dpr is 4098 pixels, over the limit of 4096',
    );
    expect(
      transformProblem({ width: 100, fit: 'inside', format: 'auto', dpr: 3.5 }, limits),
    ).toMatch(/^dpr must be from 1 to 3/);
    expect(transformProblem({ width: 0, fit: 'inside', format: 'auto', dpr: 1 }, limits)).toMatch(
      /^width must be a whole number/,
    );
    expect(
      transformProblem(
        { width: 500, fit: 'inside', format: 'auto', dpr: 1 },
        { maxSide: 4096, sizes: [320, 640] },
      ),
    ).toBe('width must be one of 320, 640 (got 500)');
  });
});

describe('the signer', () => {
  it('rounds expiries up to a tenth of the TTL, so a URL is stable for a while and valid at least the TTL', () => {
    let now = new Date(NOW * 1000);
    const signer = new DeliverySigner({
      baseUrl: 'https://cdn.example/',
      key: { id: 'k1', secret: KEYS.k1 },
      ttlSeconds: 3600,
      now: () => now,
    });
    const first = signer.url(variant);
    now = new Date((NOW + 100) * 1000);
    expect(signer.url(variant)).toBe(first);
    const expires = Number(new URL(first).searchParams.get('e'));
    expect(expires - NOW).toBeGreaterThanOrEqual(3600);
    expect(expires - NOW).toBeLessThanOrEqual(3960);
    expect(first.startsWith(`https://cdn.example/i/${ID}/0/small.jpg?k=k1&e=`)).toBe(true);
  });
});

describe('the edge function and the local verifier decide alike', () => {
  it('the committed function is what npm run build:edge makes, within CloudFront’s size limit', async () => {
    const built = await bundleEdge();
    expect(readFileSync(EDGE_OUTPUT, 'utf8'), 'stale: run npm run build:edge').toBe(built);
    expect(Buffer.byteLength(built)).toBeLessThanOrEqual(EDGE_MAX_BYTES);
    // What the runtime would refuse to parse.
    expect(built).not.toMatch(/\bexport\b|\bclass\s|\.\.\.|\?\.|for\s*\([^)]*\bof\b/);
  });

  it.each(VECTORS.map((v) => [v.name, v] as const))('%s', async (_, v) => {
    const code = readFileSync(EDGE_OUTPUT, 'utf8');
    const mine = local(v);
    const theirs = await edge(code, v);
    const expected = 'key' in v.expect ? { status: 200, key: v.expect.key } : v.expect;
    expect(mine).toEqual(expected);
    expect({
      status: theirs.status,
      ...(theirs.key ? { key: theirs.key } : { body: theirs.body }),
    }).toEqual(expected);
    if (theirs.status === 200) {
      // Verified: no signature goes on to the origins, and the origin learns the viewer's URL.
      expect(theirs.result.querystring).toEqual({});
      const viewer = theirs.result.headers![VIEWER_URL_HEADER]!.value;
      expect(viewer.startsWith(`${v.uri}?k=`)).toBe(true);
    } else {
      expect(theirs.result.headers!['cache-control']!.value).toBe('no-store');
    }
  });
});

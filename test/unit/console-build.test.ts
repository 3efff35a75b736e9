/**
 * The built console (what `npm run build` uploads and the embedded default serves) must work
 * offline and under its policy: nothing in it loads from another origin (no CDN script, web font
 * or stylesheet import), and it is one script and one stylesheet that the policy's 'self' allows.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildConsole } from '../../src/console/build.js';

describe('the built console', () => {
  let files: Record<string, string>;
  beforeAll(async () => {
    ({ files } = await buildConsole());
  }, 60_000);

  it('is an index page, one script and one stylesheet with content-hashed names', () => {
    const names = Object.keys(files);
    expect(names).toHaveLength(3);
    expect(names).toContain('index.html');
    expect(names.filter((name) => /^console\/app-[A-Z0-9]{8}\.js$/.test(name))).toHaveLength(1);
    expect(names.filter((name) => /^console\/app-[A-Z0-9]{8}\.css$/.test(name))).toHaveLength(1);
  });

  it('references only its own files from the page: no inline script, nothing elsewhere', () => {
    const html = files['index.html']!;
    const references = [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
    expect(references.sort()).toEqual(
      [
        'data:,',
        ...Object.keys(files)
          .filter((n) => n !== 'index.html')
          .map((n) => `/${n}`),
      ].sort(),
    );
    // Inline scripts would need 'unsafe-inline' or a hash in the policy.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('loads no stylesheet, font or image from anywhere but itself', () => {
    const css = Object.entries(files).find(([name]) => name.endsWith('.css'))![1];
    expect(css).not.toMatch(/@import/);
    const urls = [...css.matchAll(/url\(\s*['"]?([^'")]*)/g)].map((m) => m[1]!);
    expect(urls.filter((url) => !url.startsWith('data:'))).toEqual([]);
  });

  it('fetches nothing by absolute URL: the script names no http(s) origin it could request', () => {
    const js = Object.entries(files).find(([name]) => name.endsWith('.js'))![1];
    // Texts that name an origin without fetching it: React's and zod's errors link to their
    // docs, XML namespaces, and the Cognito sign-in's "needs https or http://localhost".
    const shown = /^https?:\/\/(react\.dev|reactjs\.org|www\.w3\.org|zod\.dev|localhost)$/;
    const origins = new Set([...js.matchAll(/https?:\/\/[a-z0-9.-]+/gi)].map((m) => m[0]));
    expect([...origins].filter((origin) => !shown.test(origin))).toEqual([]);
  });
});

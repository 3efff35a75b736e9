import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDarkroomClient, type DarkroomClient } from '../../src/client/client.js';
import { MyMetricsDocument } from '../../src/client/operations.js';
import { optimizeSite } from '../../scripts/optimize-html/optimize-site.js';
import { mergeAttributes } from '../../scripts/optimize-html/rewrite-tag.js';
import { parseSrcset } from '../../scripts/optimize-html/srcset.js';
import { formatSummary } from '../../scripts/optimize-html/summary.js';
import { makeImage } from '../helpers/images.js';
import { startTestStack, type TestStack } from '../helpers/stack.js';

/**
 * `npm run optimize-html` on a small site the test builds: two pages (one in a nested folder)
 * that show the same PNG under different paths, a root-relative image, a picture the processor
 * refuses, and things that must stay exactly as they are (remote and data: images, an <img> in a
 * comment and in a script, odd spacing, entities, CRLF line ends).
 */

const DATA_URI = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
/** Looks like a PNG to a sniffer, decodes as nothing: the processor marks it FAILED. */
const BROKEN_PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 7),
]);

/** Each page's <img> tags that must be rewritten, exactly as written in the page. */
const HERO = '<img src="img/photo.png" alt="Harbour at dusk" class="hero wide" id=top>';
const LOGO = '<img\n    src=\'/img/logo.png\' title="Our logo" data-role=brand>';
const PHOTO_AGAIN = '<img src="../img/photo.png" width="320" loading="eager" alt="">';
const PHOTO_COPY = '<img src="pictures/same-photo.png" style="border: 1px solid">';

const INDEX = [
  '<!doctype html>',
  '<html lang="en">',
  '<head><meta charset="utf-8"><title>Caf&eacute; &amp; harbour</title></head>',
  '<body>',
  '  <!-- <img src="img/photo.png"> in a comment stays -->',
  `  <header>${HERO}</header>`,
  `  <p>Tea   &amp; “cake”.  ${LOGO}</p>`,
  '  <img src="https://example.com/remote.png" alt="remote">',
  `  <img src="${DATA_URI}" alt="pixel">`,
  '  <img src="img/broken.png" alt="broken">',
  '  <img src="img/missing.png">',
  `  <script>document.write('<img src="img/photo.png">');</script>`,
  '</body>',
  '</html>',
  '',
].join('\r\n');

const POST = [
  '<!DOCTYPE html>',
  '<article>',
  `  <p>Same photo, other path: ${PHOTO_AGAIN}</p>`,
  `  <p>Same bytes, other name: ${PHOTO_COPY}</p>`,
  '</article>',
  '',
].join('\n');

/** A page with nothing local: must not be touched at all. */
const ABOUT = '<p>About <img src="//cdn.example.com/a.png"></p>\n';

interface Site {
  root: string;
  photo: Buffer;
  logo: Buffer;
}

async function buildSite(): Promise<Site> {
  const root = await mkdtemp(join(tmpdir(), 'darkroom-site-'));
  const photo = await makeImage(1600, 1200, 'png');
  const logo = await makeImage(300, 200, 'png');
  const files: Record<string, string | Buffer> = {
    'index.html': INDEX,
    'about.htm': ABOUT,
    'blog/post.html': POST,
    'blog/pictures/same-photo.png': photo,
    'img/photo.png': photo,
    'img/logo.png': logo,
    'img/broken.png': BROKEN_PNG,
  };
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
  return { root, photo, logo };
}

/** Every file of the folder with its bytes, `/`-separated paths. */
async function snapshotFiles(root: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(root, path).split(sep).join('/'), await readFile(path));
  }
  return files;
}

/**
 * `after` must be `before` with each of `tags` replaced by something and every other byte as it
 * was: the pieces between the tags appear in order, and nothing else.
 */
function expectOnlyTagsChanged(before: string, after: string, tags: string[]) {
  const pieces: string[] = [];
  let rest = before;
  for (const tag of tags) {
    const at = rest.indexOf(tag);
    expect(at, `${tag} is in the page`).toBeGreaterThanOrEqual(0);
    pieces.push(rest.slice(0, at));
    rest = rest.slice(at + tag.length);
  }
  pieces.push(rest);
  const replaced = after.startsWith(pieces[0]!) && after.endsWith(pieces.at(-1)!);
  expect(replaced, 'the page starts and ends as before').toBe(true);
  let cursor = pieces[0]!.length;
  for (const piece of pieces.slice(1)) {
    const at = after.indexOf(piece, cursor);
    expect(at, `unchanged: ${JSON.stringify(piece.slice(0, 60))}`).toBeGreaterThan(cursor);
    // What replaced the tag is one new tag (or <picture>…</picture>), not a stray change.
    expect(after.slice(cursor, at)).toMatch(/^<(img|picture|amp-img)\b[^]*>$/);
    cursor = at + piece.length;
  }
}

const sha16 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

describe('optimize-html', () => {
  let stack: TestStack;
  let client: DarkroomClient;
  let site: Site;
  let before: Map<string, Buffer>;
  const metricsTotal = async () => (await client.request(MyMetricsDocument)).metrics.total;

  beforeAll(async () => {
    stack = await startTestStack();
    client = createDarkroomClient({
      url: stack.graphqlUrl,
      authorization: 'Bearer dev:site-owner',
    });
    site = await buildSite();
    before = await snapshotFiles(site.root);
  });
  afterAll(async () => {
    await stack?.dispose();
    if (site) await rm(site.root, { recursive: true, force: true });
  });

  it('--dry-run shows the diff and changes nothing anywhere', async () => {
    const result = await optimizeSite({ root: site.root, dryRun: true });
    // No client was even given: nothing can have been uploaded.
    expect(await metricsTotal()).toBe(0);
    expect(await snapshotFiles(site.root)).toEqual(before);
    expect(result.changedPages).toEqual(['blog/post.html', 'index.html']);
    expect(result).toMatchObject({ rewritten: 5, pictures: 3, uploaded: 0, reused: 2 });
    expect(result.diff).toContain('--- a/index.html\n+++ b/index.html\n');
    expect(result.diff).toContain(`-  <header>${HERO}</header>\r\n`);
    // Where the variants will go, and … for what only an upload can tell.
    expect(result.diff).toContain(
      `+  <header><img src="_darkroom/${sha16(site.photo)}/…" srcset="_darkroom/${sha16(site.photo)}/… …w"`,
    );
    expect(result.diff).toContain(
      `+  <p>Same photo, other path: <img src="../_darkroom/${sha16(site.photo)}/…"`,
    );
  });

  it('uploads each distinct picture once and rewrites only the tags', async () => {
    const result = await optimizeSite({
      root: site.root,
      client,
      url: stack.graphqlUrl,
      timeoutMs: 20_000,
    });

    // photo.png (3 tags, 2 paths) + logo.png + broken.png: three tickets, not five.
    expect(await metricsTotal()).toBe(3);
    expect(result).toMatchObject({ pictures: 3, uploaded: 2, reused: 2, rewritten: 4 });
    expect(result.changedPages).toEqual(['blog/post.html', 'index.html']);
    expect(result.failed).toEqual([
      { file: 'img/broken.png', tags: 1, reason: expect.stringMatching(/^FAILED: /) as string },
    ]);
    expect(result.skipped.map((s) => [s.page, s.src, s.reason])).toEqual([
      ['about.htm', '//cdn.example.com/a.png', 'not a local file (//host)'],
      ['index.html', 'https://example.com/remote.png', 'not a local file (https:)'],
      ['index.html', DATA_URI, 'inline data: URI'],
      ['index.html', 'img/missing.png', 'file not found'],
    ]);

    const summary = formatSummary(result, { site: site.root, dryRun: false, remote: false });
    expect(summary).toMatch(/\nFailed \(1\), .*\n {2}img\/broken\.png \(1 tag\): FAILED: /);
    expect(summary).toContain(
      `git -C ${site.root} add -- . && git -C ${site.root} commit -m "Responsive images via Darkroom"`,
    );

    const after = await snapshotFiles(site.root);
    const index = after.get('index.html')!.toString();
    const post = after.get('blog/post.html')!.toString();
    expectOnlyTagsChanged(INDEX, index, [HERO, LOGO]);
    expectOnlyTagsChanged(POST, post, [PHOTO_AGAIN, PHOTO_COPY]);
    expect(after.get('about.htm')).toEqual(before.get('about.htm'));
    for (const [path, bytes] of before) {
      if (!path.endsWith('.html')) expect(after.get(path), path).toEqual(bytes);
    }

    // The snapshot names the variant folders by the picture rather than by its sha256, which a
    // new PNG encoder would change; that the folder *is* the content hash is checked here.
    const named = (html: string) =>
      html
        .replaceAll(sha16(site.photo), '<sha256 of photo.png>')
        .replaceAll(sha16(site.logo), '<sha256 of logo.png>');
    await expect(named(index)).toMatchFileSnapshot('__snapshots__/optimize-html/index.html.txt');
    await expect(named(post)).toMatchFileSnapshot('__snapshots__/optimize-html/post.html.txt');

    // Every variant a page links to is on disk with the size its srcset/width/height promise.
    const variants = [...after.keys()].filter((p) => p.startsWith('_darkroom/')).sort();
    expect(variants).toEqual(result.variantFiles);
    expect(new Set(variants.map((v) => v.split('/')[1]))).toEqual(
      new Set([sha16(site.photo), sha16(site.logo)]),
    );
    for (const [page, html] of [
      ['index.html', index],
      ['blog/post.html', post],
    ] as const) {
      for (const [, srcset] of html.matchAll(/ srcset="([^"]*)"/g)) {
        for (const { url, descriptor } of parseSrcset(srcset!)) {
          const file = join(dirname(join(site.root, page)), decodeURIComponent(url));
          const { width } = await sharp(file).metadata();
          expect(`${width}w`, url).toBe(descriptor);
        }
      }
    }
    const hero = /<img src="([^"]+)"[^>]* width="(\d+)" height="(\d+)"[^>]*class="hero wide"/.exec(
      index,
    );
    expect(hero).not.toBeNull();
    const heroFile = await sharp(join(site.root, hero![1]!)).metadata();
    expect([heroFile.width, heroFile.height]).toEqual([Number(hero![2]), Number(hero![3])]);
  });

  it('changes nothing when run again', async () => {
    const settled = await snapshotFiles(site.root);
    const total = await metricsTotal();
    const result = await optimizeSite({ root: site.root, client, url: stack.graphqlUrl });
    expect(await snapshotFiles(site.root)).toEqual(settled);
    // Only the picture that failed is tried again.
    expect(await metricsTotal()).toBe(total + 1);
    expect(result).toMatchObject({ changedPages: [], rewritten: 0, uploaded: 0, diff: '' });
    expect(
      result.skipped.filter((s) => s.reason === 'already responsive (has srcset)'),
    ).toHaveLength(4);
  });

  it('--markup picture --remote keeps the API’s URLs and writes no files', async () => {
    const root = await mkdtemp(join(tmpdir(), 'darkroom-site-'));
    try {
      await writeFile(join(root, 'photo.jpg'), await makeImage(1600, 900, 'jpeg'));
      await writeFile(join(root, 'page.html'), '<img src="photo.jpg" class="x">\n');
      const result = await optimizeSite({
        root,
        client,
        url: stack.graphqlUrl,
        markup: 'PICTURE',
        remote: true,
      });
      expect(result).toMatchObject({ uploaded: 1, rewritten: 1, variantFiles: [] });
      const page = await readFile(join(root, 'page.html'), 'utf8');
      // Durable delivery URLs: signed, pinned to the image's generation, never expiring.
      expect(page).toMatch(
        /^<picture><source type="image\/avif" srcset="http:\/\/[^"]+ 320w, [^"]+ 1600w" sizes="[^"]+"><source type="image\/webp" srcset="http:\/\/[^"]+ 1600w" sizes="[^"]+"><img src="http:\/\/[^"]+" srcset="[^"]+" sizes="[^"]+" width="1600" height="900" alt="photo" loading="lazy" decoding="async" class="x"><\/picture>\n$/,
      );
      const src = /<img src="([^"]+)"/.exec(page)![1]!.replaceAll('&amp;', '&');
      expect(new URL(src).pathname).toMatch(/^\/t\/[0-9a-f-]{36}\/0\/w1600_inside_x1\.auto$/);
      expect(new URL(src).searchParams.has('e')).toBe(false);
      expect((await fetch(src)).status).toBe(200);
      expect((await readdir(root)).sort()).toEqual(['page.html', 'photo.jpg']);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('optimize-html: attributes the tag keeps', () => {
  const generated = [
    { name: 'src', value: 'v.jpeg' },
    { name: 'width', value: '1280' },
    { name: 'height', value: '720' },
    { name: 'alt', value: 'A' },
    { name: 'loading', value: 'lazy' },
  ];

  it('keeps the page’s own size and choices, and everything else it set', () => {
    const merged = mergeAttributes(
      generated,
      [
        { name: 'src', value: 'old.png' },
        { name: 'width', value: '320' },
        { name: 'loading', value: 'eager' },
        { name: 'class', value: 'c' },
        { name: 'data-x', value: '1' },
      ],
      'IMG_SRCSET',
    );
    expect(merged).toEqual([
      { name: 'src', value: 'v.jpeg' },
      { name: 'alt', value: 'A' },
      { name: 'loading', value: 'eager' },
      { name: 'width', value: '320' },
      { name: 'class', value: 'c' },
      { name: 'data-x', value: '1' },
    ]);
  });

  it('gives <amp-img> the markup’s width and height, and no loading', () => {
    const merged = mergeAttributes(
      generated.filter((a) => a.name !== 'loading'),
      [
        { name: 'width', value: '320' },
        { name: 'loading', value: 'eager' },
        { name: 'id', value: 'i' },
      ],
      'AMP_IMG',
    );
    expect(merged.map((a) => `${a.name}=${a.value}`)).toEqual([
      'src=v.jpeg',
      'width=1280',
      'height=720',
      'alt=A',
      'id=i',
    ]);
  });
});

/**
 * Builds the GraphiQL page: the `graphiql` package (4.x, CodeMirror 5) with React, bundled by
 * esbuild into one self-contained HTML file. Script and styles are inline and fonts and icons are
 * data: URLs, so the page loads nothing from anywhere but the API that serves it.
 *
 * - `npm run build` puts it next to the API handler, in dist/api.zip (scripts/build.ts).
 * - The embedded default builds it on first use into .build/graphiql/ (src/bundles/cache.ts).
 */
import { writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { BROWSER_BUILD, cachedBuild, memoized, ROOT } from '../bundles/cache.js';
import { AUTH_PLACEHOLDER, GRAPHIQL_PAGE_FILE } from './page-file.js';

const ENTRY = fileURLToPath(new URL('./page/main.tsx', import.meta.url));
const BUILDER = fileURLToPath(import.meta.url);
export const GRAPHIQL_CACHE_DIR = join(ROOT, '.build', 'graphiql');

/** GraphiQL fills its container; the container fills the window. */
const LAYOUT_CSS = 'html,body,#graphiql{height:100%;margin:0}';

export interface BuiltPage {
  html: string;
  /** Every file esbuild read, relative to the repository root. */
  inputs: string[];
}

export async function buildGraphiqlPage(): Promise<BuiltPage> {
  const result = await build({
    ...BROWSER_BUILD,
    entryPoints: [ENTRY],
    // Not written (write: false); esbuild needs it to name the CSS output beside the JS.
    outdir: join(GRAPHIQL_CACHE_DIR, 'out'),
    format: 'iife',
  });
  const output = (ext: string) => {
    const file = result.outputFiles.find((f) => f.path.endsWith(ext));
    if (!file) throw new Error(`esbuild wrote no ${ext} file for the GraphiQL page`);
    return file.text;
  };
  const js = output('.js');
  const css = `${output('.css')}\n${LAYOUT_CSS}`;
  // Inline elements end at the first closing tag; esbuild escapes these, this keeps it honest.
  if (/<\/script/i.test(js) || /<\/style/i.test(css)) {
    throw new Error('the GraphiQL bundle contains a closing </script> or </style> tag');
  }
  return { html: pageHtml(js, css), inputs: Object.keys(result.metafile.inputs) };
}

function pageHtml(js: string, css: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Darkroom · GraphiQL</title>
<link rel="icon" href="data:,">
<style>${css}</style>
</head>
<body>
<div id="graphiql" data-auth="${AUTH_PLACEHOLDER}">Loading GraphiQL…</div>
<noscript>GraphiQL needs JavaScript. Without it, POST queries to this address as JSON.</noscript>
<script>${js}</script>
</body>
</html>
`;
}

/** Builds the page and writes it to `file`; returns its size in bytes. */
export async function writeGraphiqlPage(file: string): Promise<number> {
  const { html } = await buildGraphiqlPage();
  await writeFile(file, html);
  return Buffer.byteLength(html);
}

const builder = relative(ROOT, BUILDER);
const ensured = memoized((dir) => cachedGraphiqlPage(dir));

/**
 * The page's HTML for the embedded default: the cached build when none of its inputs changed,
 * otherwise a new build (a few seconds), cached for next time. Once per process and directory.
 */
export function ensureGraphiqlPage(dir: string = GRAPHIQL_CACHE_DIR): Promise<string> {
  return ensured(dir);
}

/** The page cached in `dir` if none of its inputs changed since, else `rebuild`'s, cached. */
export async function cachedGraphiqlPage(
  dir: string,
  rebuild: () => Promise<BuiltPage> = buildGraphiqlPage,
): Promise<string> {
  const files = await cachedBuild(dir, builder, async () => {
    const { html, inputs } = await rebuild();
    return { files: { [GRAPHIQL_PAGE_FILE]: html }, inputs };
  });
  return files[GRAPHIQL_PAGE_FILE]!;
}

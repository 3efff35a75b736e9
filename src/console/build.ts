/**
 * Builds the web console (./app, React) with esbuild into static files: index.html, and its
 * script and stylesheet under console/ with content-hashed names (cacheable for a year). Nothing
 * in them loads from anywhere else: no CDN, no web fonts; the page fetches its configuration
 * (console/config.json), the API and the images, nothing more.
 *
 * - `npm run build` writes them to dist/console/, which Terraform uploads (terraform/console.tf).
 * - The embedded default builds them on first use into .build/console/ (src/bundles/cache.ts).
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { BROWSER_BUILD, cachedBuild, memoized, ROOT, type BuiltFiles } from '../bundles/cache.js';
import { CONSOLE_ASSETS_PREFIX } from './config.js';

const ENTRY = fileURLToPath(new URL('./app/main.tsx', import.meta.url));
const BUILDER = relative(ROOT, fileURLToPath(import.meta.url));
export const CONSOLE_CACHE_DIR = join(ROOT, '.build', 'console');
/** The assets' folder inside the built files (index.html sits beside it). */
const ASSETS_DIR = CONSOLE_ASSETS_PREFIX.replace(/^\/|\/$/g, '');

export async function buildConsole(): Promise<BuiltFiles> {
  const result = await build({
    ...BROWSER_BUILD,
    entryPoints: [ENTRY],
    entryNames: 'app-[hash]',
    // Not written (write: false); esbuild names the outputs from it.
    outdir: join(CONSOLE_CACHE_DIR, ASSETS_DIR),
    format: 'esm',
  });
  const output = (ext: string) => {
    const file = result.outputFiles.find((f) => f.path.endsWith(ext));
    if (!file) throw new Error(`esbuild wrote no ${ext} file for the console`);
    return { name: `${ASSETS_DIR}/${basename(file.path)}`, text: file.text };
  };
  const js = output('.js');
  const css = output('.css');
  return {
    files: { 'index.html': indexHtml(js.name, css.name), [js.name]: js.text, [css.name]: css.text },
    inputs: Object.keys(result.metafile.inputs),
  };
}

function indexHtml(script: string, stylesheet: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Darkroom</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/${stylesheet}">
<script type="module" src="/${script}"></script>
</head>
<body>
<div id="root"><p class="loading">Loading the Darkroom console…</p></div>
<noscript>The Darkroom console needs JavaScript. Without it, use the GraphQL API at /graphql.</noscript>
</body>
</html>
`;
}

/** Builds the console into `dir` (emptied first); returns the files' total size in bytes. */
export async function writeConsole(dir: string): Promise<number> {
  const { files } = await buildConsole();
  await rm(dir, { recursive: true, force: true });
  let bytes = 0;
  for (const [name, text] of Object.entries(files)) {
    const file = join(dir, name);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text);
    bytes += Buffer.byteLength(text);
  }
  return bytes;
}

const ensured = memoized((dir) => cachedBuild(dir, BUILDER, buildConsole));

/** The built console for the embedded default: cached, rebuilt when an input changed. */
export function ensureConsole(dir: string = CONSOLE_CACHE_DIR): Promise<Record<string, string>> {
  return ensured(dir);
}

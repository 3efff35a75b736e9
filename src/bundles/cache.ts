/**
 * The embedded default's cache of the pages it builds for browsers (GraphiQL, the console): built
 * on first use into .build/<name>/ and rebuilt only when a file that went into them (sources,
 * packages, the builder itself) changed, so a fresh clone needs nothing but `npm ci && npm start`
 * and later starts do not wait seconds for esbuild.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * esbuild's settings for a page served to browsers: minified React in production mode, kept in
 * memory (write: false) for the caller to place, with what went in (metafile) for the cache.
 */
export const BROWSER_BUILD = {
  absWorkingDir: ROOT,
  bundle: true,
  write: false,
  platform: 'browser',
  target: ['es2022'],
  minify: true,
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
  // The page is served, so the MIT notices of what it bundles travel with it.
  legalComments: 'eof',
  metafile: true,
  logLevel: 'warning',
} as const satisfies BuildOptions;

/** What a builder made: file path (relative, `/`-separated) → contents, and what it read. */
export interface BuiltFiles {
  files: Record<string, string>;
  /** Every file esbuild read, relative to the repository root. */
  inputs: string[];
}

/** What the cached files were built from: path → SHA-256 of the file's contents. */
type Fingerprint = Record<string, string>;

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

async function fingerprint(paths: string[]): Promise<Fingerprint> {
  const entries = await Promise.all(
    paths.map(async (path) => [path, sha256(await readFile(join(ROOT, path)))] as const),
  );
  return Object.fromEntries(entries);
}

async function isFresh(recorded: Fingerprint): Promise<boolean> {
  try {
    const now = await fingerprint(Object.keys(recorded));
    return Object.entries(recorded).every(([path, hash]) => now[path] === hash);
  } catch {
    return false; // an input vanished (a package was updated or removed)
  }
}

/** Writes through a temporary file, so a concurrent reader never sees half a file. */
async function writeAtomically(file: string, data: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, data);
  await rename(temporary, file);
}

async function readCached(dir: string): Promise<Record<string, string>> {
  const names = JSON.parse(await readFile(join(dir, 'files.json'), 'utf8')) as string[];
  const contents = await Promise.all(names.map((name) => readFile(join(dir, name), 'utf8')));
  return Object.fromEntries(names.map((name, i) => [name, contents[i]!]));
}

/**
 * The files cached in `dir` if none of their inputs changed since, else `rebuild`'s, cached.
 * `builder` (relative to the root) counts as an input: its options shape the output.
 */
export async function cachedBuild(
  dir: string,
  builder: string,
  rebuild: () => Promise<BuiltFiles>,
): Promise<Record<string, string>> {
  const inputsFile = join(dir, 'inputs.json');
  try {
    const recorded = JSON.parse(await readFile(inputsFile, 'utf8')) as Fingerprint;
    if (await isFresh(recorded)) return await readCached(dir);
  } catch {
    // Never built here, or unreadable: build.
  }
  const { files, inputs } = await rebuild();
  const previous = await readFile(join(dir, 'files.json'), 'utf8').then(
    (text) => JSON.parse(text) as string[],
    () => [],
  );
  // The fingerprint goes last: a build interrupted halfway is rebuilt next time.
  for (const [name, text] of Object.entries(files)) await writeAtomically(join(dir, name), text);
  await writeAtomically(join(dir, 'files.json'), JSON.stringify(Object.keys(files)));
  // Content-hashed names change with every build: the old ones would pile up.
  const stale = previous.filter((name) => !(name in files));
  await Promise.all(stale.map((name) => rm(join(dir, name), { force: true })));
  await writeAtomically(inputsFile, JSON.stringify(await fingerprint([...inputs, builder])));
  return files;
}

/** Once per process and directory; a failed build is not kept, so the next call tries again. */
export function memoized<T>(make: (dir: string) => Promise<T>): (dir: string) => Promise<T> {
  const made = new Map<string, Promise<T>>();
  return (dir) => {
    let result = made.get(dir);
    if (!result) {
      result = make(dir);
      made.set(dir, result);
      result.catch(() => made.delete(dir));
    }
    return result;
  };
}

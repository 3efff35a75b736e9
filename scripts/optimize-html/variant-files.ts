/** Copies of the variants next to the site, and the URLs pages use to reach them. */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { VARIANTS_DIR } from './site-pages.js';

/**
 * The folder of one source image's variants: `<root>/_darkroom/<first 16 hex digits of its
 * sha256>/`. Named by content, not by the image id the API hands out (new on every upload) or
 * by a file name (the same picture can have several), so the same picture always lands in the
 * same place and re-runs and snapshots are stable.
 */
export const variantFolder = (root: string, hash: string): string =>
  join(root, VARIANTS_DIR, hash.slice(0, 16));

/** `small.jpeg`: the variant's name in the API (`name` + `format`). */
export const variantFileName = (variant: { name: string; format: string }): string =>
  `${variant.name}.${variant.format}`;

/**
 * The URL that reaches `file` from `page`: relative, so the site works from any base path and
 * from the file system; `/` separators and each segment %-escaped.
 */
export function relativeUrl(page: string, file: string): string {
  return relative(dirname(page), file).split(sep).map(encodeURIComponent).join('/');
}

/** A variant URL without its query: presigned signatures differ from one field to the next. */
export const withoutQuery = (url: string): string => url.replace(/[?#].*$/s, '');

/**
 * Downloads `url` into `file`, through a temporary name so an interrupted run never leaves a
 * half-written image that a page points at.
 */
export async function downloadTo(url: string, file: string, send: typeof fetch): Promise<void> {
  const response = await send(url);
  if (!response.ok) throw new Error(`download of ${withoutQuery(url)} failed (${response.status})`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  await mkdir(dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  try {
    await writeFile(partial, bytes);
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

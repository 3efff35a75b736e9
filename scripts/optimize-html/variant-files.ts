/** Copies of the variants next to the site, and the URLs pages use to reach them. */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { parsePath } from '../../src/urls/grammar.js';
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

/** A URL without its query (the signature). */
export const withoutQuery = (url: string): string => url.replace(/[?#].*$/s, '');

/**
 * Downloads `url` into `file`, through a temporary name so an interrupted run never leaves a
 * half-written image that a page points at.
 */
export async function downloadTo(url: string, file: string, send: typeof fetch): Promise<void> {
  const response = await send(url);
  if (!response.ok) throw new Error(`download of ${withoutQuery(url)} failed (${response.status})`);
  await writeAtomically(file, new Uint8Array(await response.arrayBuffer()));
}

/** Through a temporary name, so an interrupted run never leaves a half-written image. */
async function writeAtomically(file: string, bytes: Uint8Array): Promise<void> {
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

/**
 * Copies the image a delivery URL names into the picture's folder and returns the file: an
 * eager variant as `<name>.<format>`, an on-demand render as `<transform>.<format>`, where an
 * `auto` render's format is what the API negotiates for a browser that accepts anything (JPEG,
 * or PNG for transparency), since a file on disk has no Accept header to answer.
 */
export async function copyDeliveryUrl(
  url: string,
  folder: string,
  variants: readonly { name: string; format: string; url: string }[],
  send: typeof fetch,
): Promise<string> {
  const path = parsePath(new URL(url).pathname);
  if (!path) throw new Error(`the markup links to ${withoutQuery(url)}, not a delivery URL`);
  if (path.kind === 'variant') {
    const variant = variants.find((v) => withoutQuery(v.url) === withoutQuery(url));
    if (!variant) throw new Error(`the markup links to ${withoutQuery(url)}, not a variant`);
    const file = join(folder, variantFileName(variant));
    await downloadTo(url, file, send);
    return file;
  }
  const response = await send(url, { headers: { accept: '*/*' } });
  if (!response.ok) throw new Error(`download of ${withoutQuery(url)} failed (${response.status})`);
  const format = /^image\/([a-z]+)/.exec(response.headers.get('content-type') ?? '')?.[1];
  if (!format) throw new Error(`${withoutQuery(url)} did not answer with an image`);
  const token = new URL(url).pathname
    .split('/')
    .pop()!
    .replace(/\.[a-z]+$/, '');
  const file = join(folder, `${token}.${format}`);
  await writeAtomically(file, new Uint8Array(await response.arrayBuffer()));
  return file;
}

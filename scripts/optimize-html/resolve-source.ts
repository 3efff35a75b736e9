/** Which file an `<img src>` names, if it is a file of the site at all. */
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { VARIANTS_DIR } from './site-pages.js';

export type SourceResolution = { file: string } | { skip: string };

/**
 * The absolute path of the local file `src` refers to from `page`: relative to the page's folder,
 * or to the site folder (`root`) when it starts with `/`. Remote and inline images (http:, https:,
 * `//host`, data:, blob:…), files outside the site folder and Darkroom's own variants are skipped,
 * each with the reason.
 */
export function resolveSource(src: string, page: string, root: string): SourceResolution {
  // Browsers strip leading and trailing ASCII whitespace from URLs.
  const url = src.replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '');
  const scheme = /^([a-z][a-z\d+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'data') return { skip: 'inline data: URI' };
  if (scheme) return { skip: `not a local file (${scheme}:)` };
  if (url.startsWith('//')) return { skip: 'not a local file (//host)' };
  const path = url.replace(/[?#].*$/s, '');
  if (!path) return { skip: 'no file in src' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return { skip: 'malformed %-escape in src' };
  }
  const file = decoded.startsWith('/') ? join(root, decoded) : resolve(dirname(page), decoded);
  const inSite = relative(root, file);
  if (!inSite || inSite.startsWith('..') || isAbsolute(inSite)) {
    return { skip: 'outside the site folder' };
  }
  if (inSite.split(sep)[0] === VARIANTS_DIR) return { skip: 'already a Darkroom variant' };
  return { file };
}

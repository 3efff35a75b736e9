/** The HTML pages of a site folder. */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Where local variants are written, under the site folder; its images are never re-optimised. */
export const VARIANTS_DIR = '_darkroom';

/** Folders that are never part of the published site (dot-folders such as .git are skipped too). */
const NOT_SITE = new Set(['node_modules', VARIANTS_DIR]);

const isPage = (name: string) => /\.html?$/i.test(name);

/**
 * Every `.html`/`.htm` file under `root`, absolute and sorted, so uploads, file names and diffs
 * come out in the same order on every run. Symbolic links are not followed (no loops, and a link
 * out of the folder is not the site's to rewrite).
 */
export async function listPages(root: string): Promise<string[]> {
  const pages: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!NOT_SITE.has(entry.name)) await walk(path);
      } else if (entry.isFile() && isPage(entry.name)) {
        pages.push(path);
      }
    }
  };
  await walk(root);
  return pages.sort();
}

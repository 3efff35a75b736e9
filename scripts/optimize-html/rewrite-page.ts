/** Putting new tags into a page's text, and showing what changed. */
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';

export interface Replacement {
  /** The range of the page's text to replace (string offsets, end exclusive). */
  start: number;
  end: number;
  html: string;
}

/**
 * The page with each range replaced and every other character exactly as it was: no parse and
 * re-serialise round trip, so whitespace, comments, quoting and entities elsewhere stay put.
 */
export function spliceTags(text: string, replacements: readonly Replacement[]): string {
  let out = text;
  // Last first, so the offsets of the earlier ranges still hold.
  for (const r of [...replacements].sort((a, b) => b.start - a.start)) {
    out = out.slice(0, r.start) + r.html + out.slice(r.end);
  }
  return out;
}

/** A unified diff of one page, `a/` and `b/` prefixed like git's, so `git apply` takes it. */
export const pageDiff = (name: string, before: string, after: string): string =>
  createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, undefined, undefined, {
    context: 3,
    headerOptions: FILE_HEADERS_ONLY,
  });

/** `srcset` values as lists of candidates, so their URLs can be swapped one by one. */

export interface SrcsetCandidate {
  url: string;
  /** `640w`, `2x`, or empty. */
  descriptor: string;
}

/**
 * The candidates of a srcset, read the way the HTML standard does for the values Darkroom
 * writes: a URL runs up to whitespace (a trailing comma ends it), the descriptor up to the next
 * comma.
 */
export function parseSrcset(value: string): SrcsetCandidate[] {
  const candidates: SrcsetCandidate[] = [];
  let rest = value;
  for (;;) {
    rest = rest.replace(/^[\s,]+/, '');
    if (!rest) return candidates;
    const url = /^\S+/.exec(rest)![0];
    rest = rest.slice(url.length);
    if (url.endsWith(',')) {
      candidates.push({ url: url.replace(/,+$/, ''), descriptor: '' });
      continue;
    }
    const descriptor = /^[^,]*/.exec(rest)![0];
    rest = rest.slice(descriptor.length);
    candidates.push({ url, descriptor: descriptor.trim() });
  }
}

export const formatSrcset = (candidates: readonly SrcsetCandidate[]): string =>
  candidates.map((c) => (c.descriptor ? `${c.url} ${c.descriptor}` : c.url)).join(', ');

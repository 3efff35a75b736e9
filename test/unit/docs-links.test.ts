/**
 * Every relative link in README.md and docs/*.md resolves: the file exists and, for a link to a
 * heading of a markdown file, that heading does (as GitHub spells its anchor). Reference-style
 * links must have their definition in the same file.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const PAGES = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** The text outside fenced code blocks, with inline code spans kept only as their content's length. */
function prose(markdown: string): string {
  return markdown
    .replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '')
    .replace(/`+[^`\n]*`+/g, (span) => (span.includes('](') ? span : 'code'));
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

function anchors(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const [, heading] of text.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = slug(heading!);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    result.add(n === 0 ? base : `${base}-${n}`);
  }
  return result;
}

interface Link {
  page: string;
  target: string;
}

function links(page: string): Link[] {
  const text = prose(readFileSync(join(ROOT, page), 'utf8'));
  const targets = [
    ...[...text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!),
    ...[...text.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((m) => m[1]!),
  ];
  return targets.map((target) => ({ page, target }));
}

/** Why a link does not resolve, or undefined when it does. */
function problem({ page, target }: Link): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return undefined; // https:, mailto:
  const [path, anchor] = target.split('#', 2) as [string, string | undefined];
  const file = path ? resolve(dirname(join(ROOT, page)), decodeURI(path)) : join(ROOT, page);
  if (!file.startsWith(ROOT)) return 'points outside the repository';
  if (!existsSync(file)) return `${relative(ROOT, file)} does not exist`;
  if (anchor === undefined || anchor === '') return undefined;
  if (statSync(file).isDirectory() || !file.endsWith('.md'))
    return 'an anchor into a non-markdown file';
  return anchors(file).has(anchor)
    ? undefined
    : `${relative(ROOT, file)} has no heading #${anchor}`;
}

describe('links in the README and docs/', () => {
  it('finds the pages and their links', () => {
    expect(PAGES).toEqual(expect.arrayContaining(['README.md', 'docs/API.md']));
    expect(links('README.md').length).toBeGreaterThan(10);
  });

  it.each(PAGES)('%s: every relative link resolves', (page) => {
    const broken = links(page)
      .map((link) => ({ link: link.target, problem: problem(link) }))
      .filter((b) => b.problem);
    expect(broken).toEqual([]);
  });

  it.each(PAGES)('%s: every reference-style link has its definition', (page) => {
    const text = prose(readFileSync(join(ROOT, page), 'utf8'));
    const defined = new Set(
      [...text.matchAll(/^ {0,3}\[([^\]]+)\]:/gm)].map((m) => m[1]!.toLowerCase()),
    );
    const used = [...text.matchAll(/(?<![\]\\])\[([^\]\n]+)\](?![(:[])/g)]
      .map((m) => m[1]!)
      .filter((label) => !/^\s*[x ]?\s*$/i.test(label)); // task-list boxes
    expect(used.filter((label) => !defined.has(label.toLowerCase()))).toEqual([]);
  });

  it('GitHub anchors: punctuation dropped, spaces to hyphens', () => {
    expect(slug('Placeholders, look-alikes and markup')).toBe(
      'placeholders-look-alikes-and-markup',
    );
    expect(slug('Accepted types, errors and failure codes')).toBe(
      'accepted-types-errors-and-failure-codes',
    );
    expect(slug('The same on small photos (under 2 megapixels; no targets)')).toBe(
      'the-same-on-small-photos-under-2-megapixels-no-targets',
    );
  });
});

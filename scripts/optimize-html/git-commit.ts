/**
 * optimize-html --commit: the checks made before anything is uploaded or written, and the commit
 * of exactly the files the run wrote. Pushing stays the user's.
 */
import { execFile } from 'node:child_process';
import { realpath } from 'node:fs/promises';
import { posix, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import type { HtmlKind } from '../../src/client/generated/graphql.js';
import type { OptimizeResult } from './optimize-site.js';
import { VARIANTS_DIR } from './site-pages.js';
import { shellQuote } from './summary.js';

export const DEFAULT_SUBJECT = 'Responsive images via Darkroom';

/** How many staged paths a refusal names before it says "and N more". */
const LISTED = 5;

/** --commit cannot go ahead, found before anything was uploaded or written. */
export class CommitRefused extends Error {}

/** git failed after the run: the files are written (and maybe staged), nothing committed. */
export class CommitFailed extends Error {}

/** The repository holding the site folder, as checked before the run. */
export interface Repository {
  /** The work tree's top level, as git prints it. */
  top: string;
  /** The site folder relative to `top`, `/`-separated; `''` when it is the top. */
  site: string;
  /** Paths (from `top`) with unstaged changes before the run: a rewritten one would take them along. */
  dirty: Set<string>;
}

const execFileAsync = promisify(execFile);

interface GitError extends Error {
  code?: number | string;
  stdout?: string;
  stderr?: string;
}

/**
 * Runs git in `cwd` without a shell. `input` goes to git's stdin (closed otherwise, so git never
 * waits on it).
 */
async function git(cwd: string, args: string[], input?: string): Promise<string> {
  const pending = execFileAsync('git', ['-C', cwd, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const stdin = pending.child.stdin;
  // git may exit without reading it: its exit status tells what happened, not an EPIPE.
  stdin?.on('error', () => {});
  if (input) stdin?.end(input);
  else stdin?.end();
  return (await pending).stdout;
}

/** What git said when it failed, or why it could not run. */
function gitMessage(error: unknown): string {
  const e = error as GitError;
  const said = [e.stderr, e.stdout]
    .map((s) => s?.trim())
    .filter(Boolean)
    .join('\n');
  return said || e.message;
}

/** `-z` output: NUL-terminated names. */
const nulList = (out: string): string[] => out.split('\0').filter(Boolean);

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Up to LISTED paths, then how many more. */
function listSome(paths: string[]): string {
  const shown = paths.slice(0, LISTED).join(', ');
  return paths.length > LISTED ? `${shown} and ${paths.length - LISTED} more` : shown;
}

/**
 * Refuses (CommitRefused) unless `site` is in a git work tree whose index holds nothing staged
 * and where neither the folder nor its `_darkroom/` is ignored: then a plain `git commit` after
 * `git add` of the run's files commits exactly those.
 */
export async function checkRepository(site: string, remote: boolean): Promise<Repository> {
  try {
    await execFileAsync('git', ['--version']);
  } catch (error) {
    if ((error as GitError).code === 'ENOENT') {
      throw new CommitRefused(
        'git is not installed (or not on PATH): install it, or leave out --commit',
      );
    }
    throw error;
  }
  let top: string;
  try {
    top = (await git(site, ['rev-parse', '--show-toplevel'])).replace(/\n$/, '');
  } catch (error) {
    // Not a repository at all, or inside a bare one or a .git folder: no work tree to commit in.
    const said = gitMessage(error);
    const why = /not a git repository/i.test(said) ? '' : `: ${said}`;
    throw new CommitRefused(
      `${site} is not in a git repository (git init, or leave out --commit)${why}`,
    );
  }
  if (!top) throw new CommitRefused(`${site} is not in a git work tree (or leave out --commit)`);
  // git prints the top level with symbolic links resolved; the folder must be compared alike.
  const from = relative(top, await realpath(site))
    .split(sep)
    .join('/');

  const staged = nulList(await git(top, ['diff', '--cached', '--name-only', '-z']));
  if (staged.length > 0) {
    throw new CommitRefused(
      `${top} has staged changes (${listSome(staged)}): commit or unstage them first ` +
        '(git restore --staged <path>), or leave out --commit',
    );
  }

  const probes = [from || '.'];
  if (!remote) probes.push(posix.join(from, VARIANTS_DIR, 'probe.jpeg'));
  const ignored = await git(
    top,
    ['check-ignore', '-z', '--stdin'],
    probes.map((p) => `${p}\0`).join(''),
  ).catch((error: GitError) => {
    // 1: none of them is ignored.
    if (error.code === 1) return '';
    throw error;
  });
  if (ignored) {
    const what = nulList(ignored)[0] === probes[0] ? site : `${posix.join(from, VARIANTS_DIR)}/`;
    throw new CommitRefused(
      `${what} is ignored by git (.gitignore): what the run writes there cannot be committed; ` +
        'leave out --commit',
    );
  }

  const dirty = new Set(nulList(await git(top, ['diff', '--name-only', '-z'])));
  return { top, site: from, dirty };
}

/** The pages and variant files the run wrote, relative to the repository's top. */
function writtenPaths(repo: Repository, result: OptimizeResult): string[] {
  return [...result.changedPages, ...result.variantFiles].map((p) => posix.join(repo.site, p));
}

const KIND_NAME: Record<HtmlKind, string> = {
  IMG_SRCSET: '<img srcset>',
  PICTURE: '<picture>',
  AMP_IMG: '<amp-img>',
};

/** The commit's subject (the user's message, else DEFAULT_SUBJECT) and a body saying what changed. */
export function commitMessage(
  repo: Pick<Repository, 'site'>,
  result: OptimizeResult,
  context: { message?: string | undefined; markup: HtmlKind; remote: boolean },
): { subject: string; body: string } {
  const at = (p: string) => posix.join(repo.site, p);
  const lines = [
    `${plural(result.rewritten, 'tag')} rewritten to ${KIND_NAME[context.markup]} in ` +
      `${plural(result.changedPages.length, 'page')}:`,
    ...result.changedPages.map((p) => `  ${at(p)} (${result.rewrittenIn[p] ?? 0})`),
    `${plural(result.uploaded, 'image')} uploaded to Darkroom and processed.`,
  ];
  if (context.remote) {
    lines.push('The tags link to Darkroom’s delivery URLs (signed, cacheable, durable).');
  } else if (result.variantFiles.length > 0) {
    lines.push(
      `${plural(result.variantFiles.length, 'variant file')} added under ` +
        `${posix.join(repo.site, VARIANTS_DIR)}/.`,
    );
  }
  if (result.failed.length > 0) {
    lines.push(
      `Not rewritten, ${plural(result.failed.length, 'image')} failed (tags left as they were): ` +
        result.failed.map((f) => `${at(f.file)} (${plural(f.tags, 'tag')})`).join(', ') +
        '.',
    );
  }
  return { subject: context.message ?? DEFAULT_SUBJECT, body: lines.join('\n') };
}

export type CommitOutcome =
  | { committed: false }
  | {
      committed: true;
      hash: string;
      subject: string;
      files: number;
      /** Rewritten pages that had changes of the user's before the run: the commit holds them. */
      alsoTheirs: string[];
    };

/**
 * Stages exactly the files the run wrote and commits them (`{ committed: false }` when none
 * differs from what the repository has). Throws CommitFailed when git refuses, saying what is
 * left staged.
 */
export async function commitWritten(
  repo: Repository,
  result: OptimizeResult,
  context: { message?: string | undefined; markup: HtmlKind; remote: boolean },
): Promise<CommitOutcome> {
  const paths = writtenPaths(repo, result);
  if (paths.length === 0) return { committed: false };
  try {
    // Through stdin, NUL-separated: any number of paths, any characters in them.
    await git(
      repo.top,
      // Literal: a page named `*.html` or `:(glob)x` is that file, not a pattern.
      ['--literal-pathspecs', 'add', '--pathspec-from-file=-', '--pathspec-file-nul'],
      paths.map((p) => `${p}\0`).join(''),
    );
  } catch (error) {
    throw new CommitFailed(
      `git add failed:\n${gitMessage(error)}\n` +
        'The files are written; some may be staged (git status), nothing was committed.',
    );
  }
  const staged = nulList(await git(repo.top, ['diff', '--cached', '--name-only', '-z']));
  if (staged.length === 0) return { committed: false };
  // The index was empty before the run; anything else staged now was staged during it.
  const ours = new Set(paths);
  const others = staged.filter((p) => !ours.has(p));
  if (others.length > 0) {
    throw new CommitFailed(
      `other changes were staged during the run (${listSome(others)}), so nothing was ` +
        'committed; the files written are staged with them.',
    );
  }
  const { subject, body } = commitMessage(repo, result, context);
  try {
    await git(repo.top, ['commit', '--quiet', '-m', subject, '-m', body]);
  } catch (error) {
    throw new CommitFailed(
      `git commit failed:\n${gitMessage(error)}\n` +
        `The files are written and staged, nothing was committed: fix the above, then ` +
        `git -C ${shellQuote(repo.top)} commit.`,
    );
  }
  const [hash, committedSubject] = (await git(repo.top, ['log', '-1', '--format=%h%x00%s']))
    .replace(/\n$/, '')
    .split('\0');
  return {
    committed: true,
    hash: hash!,
    subject: committedSubject!,
    files: staged.length,
    alsoTheirs: result.changedPages
      .map((p) => posix.join(repo.site, p))
      .filter((p) => repo.dirty.has(p)),
  };
}

/** The lines after the summary: the commit made, or why there was none. */
export function formatCommit(repo: Repository, outcome: CommitOutcome, failed: number): string {
  if (!outcome.committed) return 'Nothing changed: nothing to commit.';
  const lines = [
    `Committed ${outcome.hash} "${outcome.subject}" (${plural(outcome.files, 'file')}) in ${repo.top}.`,
  ];
  if (outcome.alsoTheirs.length > 0) {
    lines.push(
      `It also holds the changes you had made to ${listSome(outcome.alsoTheirs)} before the run ` +
        '(git show HEAD to review).',
    );
  }
  if (failed > 0) {
    lines.push(
      `${plural(failed, 'image')} failed: their tags were left as they were, so the commit holds ` +
        'the rest; run again to retry them.',
    );
  }
  lines.push(`Pushing is yours: git -C ${shellQuote(repo.top)} push`);
  return lines.join('\n');
}

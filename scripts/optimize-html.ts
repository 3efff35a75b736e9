/**
 * `npm run optimize-html -- <site folder>`: rewrites the local <img> tags of a static site to
 * responsive markup over Darkroom's variants (see --help and docs/OPTIMIZE-HTML.md). The work is
 * optimizeSite (./optimize-html/optimize-site.ts), the commit ./optimize-html/git-commit.ts; this
 * file parses options and prints.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createDarkroomClient } from '../src/client/client.js';
import {
  checkRepository,
  CommitFailed,
  CommitRefused,
  commitWritten,
  formatCommit,
  type Repository,
} from './optimize-html/git-commit.js';
import { HELP, parseCli } from './optimize-html/options.js';
import { optimizeSite } from './optimize-html/optimize-site.js';
import { progressFor } from './optimize-html/progress.js';
import { formatSummary } from './optimize-html/summary.js';

function usage(message: string): never {
  console.error(`${message}\n\n${HELP}`);
  process.exit(2);
}

const parsed = parseCli(process.argv.slice(2));
if (parsed === 'help') {
  console.log(HELP);
  process.exit(0);
}
if ('error' in parsed) usage(parsed.error);
// `npm run` starts in the package's folder; the folder was named from where npm was run.
const options = { ...parsed, site: resolve(process.env.INIT_CWD ?? process.cwd(), parsed.site) };
if (!(await stat(options.site).catch(() => undefined))?.isDirectory()) {
  usage(`${options.site} is not a folder`);
}

// Before anything is uploaded or written: a refusal leaves everything as it was.
let repo: Repository | undefined;
if (options.commit) {
  try {
    repo = await checkRepository(options.site, options.remote);
  } catch (error) {
    const why = error instanceof CommitRefused ? error.message : `git: ${(error as Error).message}`;
    console.error(`optimize-html: ${why}\nNothing was uploaded or written.`);
    process.exit(2);
  }
}

try {
  const result = await optimizeSite({
    root: options.site,
    client: createDarkroomClient({ url: options.url, authorization: options.authorization }),
    url: options.url,
    markup: options.markup,
    sizes: options.sizes,
    preset: options.preset,
    remote: options.remote,
    dryRun: options.dryRun,
    concurrency: options.concurrency,
    timeoutMs: options.timeoutMs,
    progress: progressFor(process.stderr),
  });
  if (options.dryRun && result.diff) console.log(result.diff);
  console.log(formatSummary(result, options));
  if (repo) {
    // What succeeded is committed even when some pictures failed: their tags are unchanged.
    const outcome = await commitWritten(repo, result, options);
    console.log(formatCommit(repo, outcome, result.failed.length));
  }
  process.exit(result.failed.length > 0 ? 1 : 0);
} catch (error) {
  // The API out of reach or refusing the credentials, a page that cannot be read or written,
  // git refusing to stage or commit (CommitFailed says what is left staged).
  const tail = options.commit && !(error instanceof CommitFailed) ? ' Nothing was committed.' : '';
  console.error(`optimize-html: ${(error as Error).message}${tail}`);
  process.exit(1);
}

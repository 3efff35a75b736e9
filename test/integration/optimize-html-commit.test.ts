import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDarkroomClient, type DarkroomClient } from '../../src/client/client.js';
import { MyMetricsDocument } from '../../src/client/operations.js';
import { makeImage } from '../helpers/images.js';
import { startTestStack, type TestStack } from '../helpers/stack.js';

/**
 * `npm run optimize-html -- --commit [message] <site>`, the CLI itself in a child process, on
 * throwaway repositories the tests make: what it commits (exactly the files it wrote), what it
 * leaves alone, and when it refuses before uploading or writing anything.
 */

const USER = 'commit-owner';
const SUBJECT = 'Responsive images via Darkroom';
/** Looks like a PNG to a sniffer, decodes as nothing: the processor marks it FAILED. */
const BROKEN_PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 7),
]);

/**
 * The environment of every git and CLI child: no GIT_* from whatever runs the tests (a hook's
 * GIT_DIR would point the throwaway repositories elsewhere), no global or system git config
 * (signing, hooks paths), no INIT_CWD (the CLI would resolve the folder against it).
 */
const childEnv = (): NodeJS.ProcessEnv => {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('GIT_') && key !== 'INIT_CWD'),
  );
  return { ...env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
};

interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a program to its end, whatever its exit status. */
function run(file: string, args: string[], env = childEnv()): Promise<Ran> {
  return new Promise((done) => {
    const child = execFile(file, args, { env, encoding: 'utf8' }, (error, stdout, stderr) => {
      done({ status: error ? (child.exitCode ?? -1) : 0, stdout, stderr });
    });
    child.stdin?.end();
  });
}

/** git in `dir`; throws unless it succeeds. */
async function git(dir: string, ...args: string[]): Promise<string> {
  const ran = await run('git', ['-C', dir, ...args]);
  if (ran.status !== 0) throw new Error(`git ${args.join(' ')}: ${ran.stderr}`);
  return ran.stdout;
}

const lines = (out: string) => out.split('\n').filter(Boolean);

/** Every file under `root` (not .git) with its bytes, `/`-separated paths. */
async function snapshot(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    const path = relative(root, join(entry.parentPath, entry.name)).split(sep).join('/');
    if (!entry.isFile() || path.startsWith('.git/')) continue;
    files.set(path, (await readFile(join(root, path))).toString('base64'));
  }
  return files;
}

async function writeFiles(root: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
}

const INDEX =
  '<!doctype html>\n<img src="img/photo.png" alt="Harbour">\n<p><img src="img/logo.png"></p>\n';
const POST = '<article><img src="../img/photo.png" width="320"></article>\n';
const ABOUT = '<p>About us, no local images <img src="https://example.com/a.png"></p>\n';

describe('optimize-html --commit', () => {
  let stack: TestStack;
  let client: DarkroomClient;
  let photo: Buffer;
  let logo: Buffer;
  const temps: string[] = [];
  const uploads = async () => (await client.request(MyMetricsDocument)).metrics.total;

  /** The CLI, as `npm run optimize-html -- …` runs it, against the test stack. */
  const optimizeHtml = (args: string[], env?: NodeJS.ProcessEnv) =>
    run(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/optimize-html.ts',
        ...['--url', stack.graphqlUrl, '--user', USER, '--timeout', '20'],
        ...args,
      ],
      env,
    );

  /**
   * A repository at a temp folder with the site in `site/`, committed, plus a README beside it;
   * `init: false` makes the folder without git.
   */
  async function makeRepo(
    extra: Record<string, string | Buffer> = {},
    init = true,
  ): Promise<{ top: string; site: string }> {
    const top = await mkdtemp(join(tmpdir(), 'darkroom-commit-'));
    temps.push(top);
    await writeFiles(top, {
      'README.md': '# My site\n',
      'site/index.html': INDEX,
      'site/about.htm': ABOUT,
      'site/blog/post.html': POST,
      'site/img/photo.png': photo,
      'site/img/logo.png': logo,
      ...extra,
    });
    if (init) {
      await git(top, 'init', '--quiet');
      await git(top, 'config', 'user.name', 'Site Owner');
      await git(top, 'config', 'user.email', 'owner@example.com');
      await git(top, 'add', '--', '.');
      await git(top, 'commit', '--quiet', '-m', 'The site');
    }
    return { top, site: join(top, 'site') };
  }

  beforeAll(async () => {
    stack = await startTestStack();
    client = createDarkroomClient({ url: stack.graphqlUrl, authorization: `Bearer dev:${USER}` });
    photo = await makeImage(1200, 800, 'png');
    logo = await makeImage(300, 200, 'png');
  });
  afterAll(async () => {
    await stack?.dispose();
    for (const dir of temps) await rm(dir, { recursive: true, force: true });
  });

  it('commits exactly the rewritten pages and the new _darkroom files, nothing else', async () => {
    const { top, site } = await makeRepo();
    const initial = (await git(top, 'rev-parse', 'HEAD')).trim();
    // Unrelated changes of the user's: a modified page and file, an untracked file.
    await writeFile(join(site, 'about.htm'), `${ABOUT}<p>Draft</p>\n`);
    await writeFile(join(top, 'README.md'), '# My site, edited\n');
    await writeFile(join(top, 'notes.txt'), 'untracked\n');

    const ran = await optimizeHtml(['--commit', site]);
    expect(ran.stderr).not.toMatch(/optimize-html:/);
    expect(ran.status).toBe(0);

    // One new commit on top of the initial one.
    expect((await git(top, 'rev-parse', 'HEAD~1')).trim()).toBe(initial);
    const committed = lines(await git(top, 'show', '--name-only', '--format=', 'HEAD')).sort();
    const variants = [...(await snapshot(top)).keys()].filter((p) =>
      p.startsWith('site/_darkroom/'),
    );
    expect(variants.length).toBeGreaterThan(2);
    expect(committed).toEqual(['site/blog/post.html', 'site/index.html', ...variants].sort());
    // What was committed is what is on disk: the rewritten pages.
    expect(await git(top, 'show', 'HEAD:site/index.html')).toBe(
      await readFile(join(site, 'index.html'), 'utf8'),
    );
    expect(await readFile(join(site, 'index.html'), 'utf8')).toMatch(/srcset="_darkroom\//);

    // The user's changes stay out of it, as they were.
    expect(lines(await git(top, 'status', '--porcelain')).sort()).toEqual([
      ' M README.md',
      ' M site/about.htm',
      '?? notes.txt',
    ]);
    expect(await readFile(join(site, 'about.htm'), 'utf8')).toBe(`${ABOUT}<p>Draft</p>\n`);
    expect(await readFile(join(top, 'notes.txt'), 'utf8')).toBe('untracked\n');

    // The message lists what changed.
    const message = await git(top, 'log', '-1', '--format=%B');
    expect(message).toBe(
      [
        SUBJECT,
        '',
        '3 tags rewritten to <img srcset> in 2 pages:',
        '  site/blog/post.html (1)',
        '  site/index.html (2)',
        '2 images uploaded to Darkroom and processed.',
        `${variants.length} variant files added under site/_darkroom/.`,
        '',
        '',
      ].join('\n'),
    );
    const hash = (await git(top, 'rev-parse', '--short', 'HEAD')).trim();
    expect(ran.stdout).toContain(`Committed ${hash} "${SUBJECT}" (${committed.length} files)`);
    expect(ran.stdout).toContain(`Pushing is yours: git -C ${top} push`);
    expect(ran.stdout).not.toContain('Review the changes, then commit them');
    expect(ran.stdout).not.toContain('It also holds');

    // Again: nothing to rewrite, nothing to commit, no new commit.
    const head = (await git(top, 'rev-parse', 'HEAD')).trim();
    const again = await optimizeHtml(['--commit', site]);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('Nothing changed: nothing to commit.');
    expect((await git(top, 'rev-parse', 'HEAD')).trim()).toBe(head);
  }, 90_000);

  it('makes a given message the subject, and commits what succeeded when a picture fails', async () => {
    const { top, site } = await makeRepo({
      'site/blog/post.html': `${POST}<img src="../img/broken.png" alt="broken">\n`,
      'site/img/broken.png': BROKEN_PNG,
    });

    // A page of the site the user had edited: its edit goes into the commit, which says so.
    await writeFile(join(site, 'index.html'), `${INDEX}<p>Edited</p>\n`);

    const ran = await optimizeHtml(['--commit', 'Faster pages', site]);
    // 1: a picture failed; the rest is committed all the same.
    expect(ran.status).toBe(1);
    expect(await git(top, 'log', '-1', '--format=%s')).toBe('Faster pages\n');
    expect((await git(top, 'log', '-1', '--format=%b')).trimEnd().split('\n')).toEqual([
      '3 tags rewritten to <img srcset> in 2 pages:',
      '  site/blog/post.html (1)',
      '  site/index.html (2)',
      '2 images uploaded to Darkroom and processed.',
      expect.stringMatching(/^\d+ variant files added under site\/_darkroom\/\.$/) as string,
      'Not rewritten, 1 image failed (tags left as they were): site/img/broken.png (1 tag).',
    ]);
    expect(ran.stdout).toContain('1 image failed: their tags were left as they were');
    expect(ran.stdout).toContain(
      'It also holds the changes you had made to site/index.html before the run',
    );
    expect(await git(top, 'show', 'HEAD:site/index.html')).toMatch(/<p>Edited<\/p>\n$/);
    const post = await git(top, 'show', 'HEAD:site/blog/post.html');
    expect(post).toContain('<img src="../img/broken.png" alt="broken">');
    expect(post).toMatch(/srcset="\.\.\/_darkroom\//);
    const committed = lines(await git(top, 'show', '--name-only', '--format=', 'HEAD'));
    expect(committed.filter((p) => !p.startsWith('site/_darkroom/')).sort()).toEqual([
      'site/blog/post.html',
      'site/index.html',
    ]);
    expect(lines(await git(top, 'status', '--porcelain'))).toEqual([]);
  }, 90_000);

  /** Runs the CLI expecting it to refuse: status 2, nothing uploaded, no file changed. */
  async function expectRefused(root: string, args: string[], env?: NodeJS.ProcessEnv) {
    const before = await snapshot(root);
    const total = await uploads();
    const ran = await optimizeHtml(args, env);
    expect(ran.status).toBe(2);
    expect(await uploads()).toBe(total);
    expect(await snapshot(root)).toEqual(before);
    expect([...(await snapshot(root)).keys()].some((p) => p.includes('_darkroom'))).toBe(false);
    return ran.stderr;
  }

  it('refuses a folder outside any git repository', async () => {
    const { top, site } = await makeRepo({}, false);
    const stderr = await expectRefused(top, ['--commit', site]);
    expect(stderr).toContain(
      `optimize-html: ${site} is not in a git repository (git init, or leave out --commit)`,
    );
    expect(stderr).toContain('Nothing was uploaded or written.');
  });

  it('refuses when other changes are staged, and leaves the index as it was', async () => {
    const { top, site } = await makeRepo();
    await writeFile(join(top, 'other.txt'), 'mine\n');
    await writeFile(join(site, 'about.htm'), `${ABOUT}<p>Staged</p>\n`);
    await git(top, 'add', '--', 'other.txt', 'site/about.htm');
    const index = await git(top, 'ls-files', '--stage');

    const stderr = await expectRefused(top, ['--commit', 'Message', site]);
    expect(stderr).toContain(
      `optimize-html: ${top} has staged changes (other.txt, site/about.htm): ` +
        'commit or unstage them first',
    );
    expect(await git(top, 'ls-files', '--stage')).toBe(index);
    expect(lines(await git(top, 'diff', '--cached', '--name-only'))).toEqual([
      'other.txt',
      'site/about.htm',
    ]);
  });

  it('refuses --commit with --dry-run', async () => {
    const { top, site } = await makeRepo();
    const stderr = await expectRefused(top, ['--commit', '--dry-run', site]);
    expect(stderr).toMatch(/^--commit and --dry-run do not go together/);
  });

  it('refuses when _darkroom/ is ignored, and when git is missing', async () => {
    const { top, site } = await makeRepo({ '.gitignore': '_darkroom/\n' });
    expect(await expectRefused(top, ['--commit', site])).toContain(
      'optimize-html: site/_darkroom/ is ignored by git (.gitignore)',
    );
    // A PATH with no git on it (node is run by its full path).
    const noGit = await mkdtemp(join(tmpdir(), 'darkroom-nogit-'));
    temps.push(noGit);
    expect(await expectRefused(top, ['--commit', site], { ...childEnv(), PATH: noGit })).toContain(
      'optimize-html: git is not installed (or not on PATH)',
    );
  });

  it('leaves the files written and staged, and says so, when git refuses the commit', async () => {
    const { top, site } = await makeRepo();
    const hook = join(top, '.git', 'hooks', 'pre-commit');
    await writeFile(hook, '#!/bin/sh\necho "hook says no" >&2\nexit 1\n');
    await chmod(hook, 0o755);
    const head = (await git(top, 'rev-parse', 'HEAD')).trim();

    const ran = await optimizeHtml(['--commit', site]);
    expect(ran.status).toBe(1);
    expect(ran.stderr).toContain('optimize-html: git commit failed:\nhook says no\n');
    expect(ran.stderr).toContain('The files are written and staged, nothing was committed');
    expect((await git(top, 'rev-parse', 'HEAD')).trim()).toBe(head);
    const staged = lines(await git(top, 'diff', '--cached', '--name-only'));
    expect(staged.filter((p) => !p.startsWith('site/_darkroom/'))).toEqual([
      'site/blog/post.html',
      'site/index.html',
    ]);
    expect(staged.filter((p) => p.startsWith('site/_darkroom/')).length).toBeGreaterThan(2);
    expect(
      lines(await git(top, 'status', '--porcelain')).filter((l) => !l.startsWith('A')),
    ).toEqual(['M  site/blog/post.html', 'M  site/index.html']);
  }, 90_000);
});

/** optimize-html's command line: the options, their checks, and --help. */
import { parseArgs } from 'node:util';
import type { HtmlKind } from '../../src/client/generated/graphql.js';

export const HELP = `Usage: npm run optimize-html -- [options] <site folder>

Finds the <img> tags of the HTML pages under the folder that show local image files, uploads
each distinct picture once (the same file under two paths: one upload), waits until it is
processed, copies the variants the markup uses into <folder>/_darkroom/ and rewrites each tag to
responsive markup. Only the tags change; every other byte of the pages stays as it was. Images
already rewritten (srcset, inside <picture>, under _darkroom/), remote or data: images, SVGs and
missing files are left alone and listed. Nothing is committed unless --commit is given: else
the command to do it is printed.

Options:
  --markup <kind>     img (default): <img srcset>; picture: <picture> with AVIF/WebP sources;
                      amp: <amp-img layout="responsive">
  --sizes <value>     the sizes attribute for every image (default: the tag's own sizes, else
                      up to the tag's width attribute, else up to the largest variant)
  --preset <name>     preset to process with (default: default)
  --remote            link to Darkroom's delivery URLs instead of copying the files: signed,
                      cacheable for a year and never expiring (unless the service runs in
                      expiring mode, DELIVERY_URL_TTL_SECONDS), with every width on demand and
                      AVIF/WebP for the browsers that take them
  --dry-run           upload nothing, write nothing: print the diff, with … for what only an
                      upload can tell (the variants' URLs and sizes)
  --commit [message]  commit exactly the files written (the rewritten pages and the new files
                      under _darkroom/) to the git repository the folder is in, with a message
                      listing what changed; the message, if given, is its subject (default:
                      "Responsive images via Darkroom"). It goes right after --commit, before
                      the folder: --commit "Faster pages" site/ (or --commit="Faster pages").
                      Refused before anything is uploaded when the folder is not in a git work
                      tree or changes are already staged. Pushing stays yours.
  --concurrency <n>   pictures uploaded and processed at once (default: 4)
  --url <url>         GraphQL endpoint (default: $DARKROOM_URL or http://127.0.0.1:4000/graphql)
  --user <name>       embedded default only: act as this user (sends "Bearer dev:<name>")
  --token <jwt>       a deployed API: the Cognito access token to send
  --timeout <sec>     how long to wait for each picture to be processed (default: 120)
  -h, --help          show this help

Exit status: 0 when every picture was rewritten, 1 when any failed (their tags are left as they
were and, with --commit, out of the commit made of the rest) or the commit failed (the files are
then written and staged), 2 for a usage error or when --commit is refused (nothing done).`;

const MARKUP: Record<string, HtmlKind> = { img: 'IMG_SRCSET', picture: 'PICTURE', amp: 'AMP_IMG' };

export interface CliOptions {
  site: string;
  markup: HtmlKind;
  sizes: string | undefined;
  preset: string | undefined;
  remote: boolean;
  dryRun: boolean;
  /** --commit: commit what the run writes. */
  commit: boolean;
  /** --commit's message: the commit's subject. */
  message: string | undefined;
  concurrency: number;
  url: string;
  authorization: string | undefined;
  timeoutMs: number;
}

/**
 * `--commit [message]`: parseArgs has no optional values (a string option would swallow the
 * folder in `--commit site/`), so --commit is a boolean here and its message is found by hand:
 * `--commit=<message>`, or the argument right after --commit when another positional (the site
 * folder) follows it.
 */
function commitMessageOf(args: string[]): { args: string[]; inline: string | undefined } {
  const end = args.indexOf('--');
  const at = args.findIndex((a, i) => (end < 0 || i < end) && a.startsWith('--commit='));
  if (at < 0) return { args, inline: undefined };
  const rest = [...args];
  rest[at] = '--commit';
  return { args: rest, inline: args[at]!.slice('--commit='.length) };
}

/** The options, `'help'` when help was asked for, or a message saying what is wrong. */
export function parseCli(args: string[]): CliOptions | 'help' | { error: string } {
  const commitArgs = commitMessageOf(args);
  let parsed;
  try {
    parsed = parseArgs({
      args: commitArgs.args,
      allowPositionals: true,
      tokens: true,
      options: {
        markup: { type: 'string', default: 'img' },
        sizes: { type: 'string' },
        preset: { type: 'string' },
        remote: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        commit: { type: 'boolean', default: false },
        concurrency: { type: 'string', default: '4' },
        url: {
          type: 'string',
          default: process.env.DARKROOM_URL ?? 'http://127.0.0.1:4000/graphql',
        },
        user: { type: 'string' },
        token: { type: 'string' },
        timeout: { type: 'string', default: '120' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    return { error: (error as Error).message };
  }
  const { values, tokens } = parsed;
  let { positionals } = parsed;
  if (values.help) return 'help';
  const commits = tokens.filter((t) => t.kind === 'option' && t.name === 'commit');
  if (commits.length > 1) return { error: 'Give --commit once.' };
  let message = commitArgs.inline;
  if (commits.length === 1 && message === undefined && positionals.length === 2) {
    const first = tokens.find((t) => t.kind === 'positional');
    if (first?.index === commits[0]!.index + 1) {
      message = positionals[0];
      positionals = positionals.slice(1);
    }
  }
  if (message !== undefined && !message.trim()) return { error: 'The --commit message is empty.' };
  if (positionals.length !== 1) return { error: 'Give exactly one site folder.' };
  if (values.commit && values['dry-run']) {
    return { error: '--commit and --dry-run do not go together: a dry run writes nothing.' };
  }
  const markup = MARKUP[values.markup];
  if (!markup) return { error: `--markup must be img, picture or amp; got "${values.markup}"` };
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    return { error: '--concurrency must be a whole number from 1' };
  }
  const timeoutMs = Number(values.timeout) * 1000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    return { error: '--timeout must be a number of seconds' };
  }
  return {
    site: positionals[0]!,
    markup,
    sizes: values.sizes,
    preset: values.preset,
    remote: values.remote,
    dryRun: values['dry-run'],
    commit: values.commit,
    message: message?.trim(),
    concurrency,
    url: values.url,
    authorization: values.token
      ? `Bearer ${values.token}`
      : values.user
        ? `Bearer dev:${values.user}`
        : undefined,
    timeoutMs,
  };
}

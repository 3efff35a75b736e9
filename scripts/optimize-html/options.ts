/** optimize-html's command line: the options, their checks, and --help. */
import { parseArgs } from 'node:util';
import type { HtmlKind } from '../../src/client/generated/graphql.js';

export const HELP = `Usage: npm run optimize-html -- [options] <site folder>

Finds the <img> tags of the HTML pages under the folder that show local image files, uploads
each distinct picture once (the same file under two paths: one upload), waits until it is
processed, copies the variants the markup uses into <folder>/_darkroom/ and rewrites each tag to
responsive markup. Only the tags change; every other byte of the pages stays as it was. Images
already rewritten (srcset, inside <picture>, under _darkroom/), remote or data: images, SVGs and
missing files are left alone and listed. Nothing is committed: the command to do it is printed.

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
  --concurrency <n>   pictures uploaded and processed at once (default: 4)
  --url <url>         GraphQL endpoint (default: $DARKROOM_URL or http://127.0.0.1:4000/graphql)
  --user <name>       embedded default only: act as this user (sends "Bearer dev:<name>")
  --token <jwt>       a deployed API: the Cognito access token to send
  --timeout <sec>     how long to wait for each picture to be processed (default: 120)
  -h, --help          show this help

Exit status: 0 when every picture was rewritten, 1 when any failed (their tags are left as they
were), 2 for a usage error.`;

const MARKUP: Record<string, HtmlKind> = { img: 'IMG_SRCSET', picture: 'PICTURE', amp: 'AMP_IMG' };

export interface CliOptions {
  site: string;
  markup: HtmlKind;
  sizes: string | undefined;
  preset: string | undefined;
  remote: boolean;
  dryRun: boolean;
  concurrency: number;
  url: string;
  authorization: string | undefined;
  timeoutMs: number;
}

/** The options, `'help'` when help was asked for, or a message saying what is wrong. */
export function parseCli(args: string[]): CliOptions | 'help' | { error: string } {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        markup: { type: 'string', default: 'img' },
        sizes: { type: 'string' },
        preset: { type: 'string' },
        remote: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
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
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length !== 1) return { error: 'Give exactly one site folder.' };
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

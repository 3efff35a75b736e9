/**
 * The end-of-run report: what changed, what was left alone and why, and how to commit it (with
 * --commit, git-commit.ts reports the commit instead).
 */
import type { OptimizeResult } from './optimize-site.js';
import { VARIANTS_DIR } from './site-pages.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Quoted for a POSIX shell when it holds anything but plain path characters. */
export const shellQuote = (value: string): string =>
  /^[\w./@%+=:,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;

/**
 * The command that commits the result, for the user to review and run: without --commit the
 * tool does not commit.
 * `add -- .` under `-C <site>` stages the site folder only, not the rest of its repository.
 */
export const commitCommand = (site: string): string => {
  const dir = shellQuote(site);
  return `git -C ${dir} add -- . && git -C ${dir} commit -m "Responsive images via Darkroom"`;
};

export function formatSummary(
  result: OptimizeResult,
  context: { site: string; dryRun: boolean; remote: boolean; commit?: boolean },
): string {
  const lines: string[] = [];
  const pages = plural(result.changedPages.length, 'page');
  const reused = result.reused
    ? ` (${plural(result.reused, 'tag')} reused the upload of an identical file)`
    : '';
  if (result.pictures === 0) {
    lines.push('No local images to rewrite.');
  } else if (context.dryRun) {
    lines.push(
      `Dry run: ${plural(result.rewritten, 'tag')} in ${pages} would be rewritten, ` +
        `${plural(result.pictures, 'image')} uploaded${reused}. Nothing was uploaded or written.`,
    );
  } else {
    const where = context.remote
      ? 'linking to Darkroom’s delivery URLs (signed, cacheable, durable)'
      : `${plural(result.variantFiles.length, 'variant file')} written under ${VARIANTS_DIR}/`;
    lines.push(
      `${plural(result.rewritten, 'tag')} rewritten in ${pages}; ` +
        `${plural(result.uploaded, 'image')} uploaded${reused}; ${where}.`,
    );
  }
  // Tags rewritten by an earlier run are counted, not listed: a re-run would list every image.
  const done = result.skipped.filter((s) => s.reason.startsWith('already '));
  const others = result.skipped.filter((s) => !s.reason.startsWith('already '));
  if (done.length > 0) {
    lines.push(
      `${plural(done.length, 'tag')} already responsive (srcset, <picture> or _darkroom/).`,
    );
  }
  if (others.length > 0) {
    lines.push(`Left as they were (${others.length}):`);
    for (const s of others) {
      const at = s.line ? `${s.page}:${s.line}` : s.page;
      lines.push(`  ${at}  ${s.src ? `${s.src} — ` : ''}${s.reason}`);
    }
  }
  if (result.failed.length > 0) {
    lines.push(`Failed (${result.failed.length}), their tags left as they were:`);
    for (const f of result.failed) {
      lines.push(`  ${f.file} (${plural(f.tags, 'tag')}): ${f.reason}`);
    }
  }
  if (!context.dryRun && !context.commit && result.changedPages.length > 0) {
    lines.push('Review the changes, then commit them:');
    lines.push(`  ${commitCommand(context.site)}`);
  }
  return lines.join('\n');
}

/**
 * optimize-html's whole run, as a function: find the `<img>` tags of a site folder that show
 * local images, upload each distinct picture once, wait for it, fetch its responsive markup, copy
 * the variants next to the site (or keep the API's URLs) and rewrite the tags. The CLI
 * (scripts/optimize-html.ts) only parses options and prints.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename, relative, resolve, sep } from 'node:path';
import pLimit from 'p-limit';
import type { DarkroomClient } from '../../src/client/client.js';
import type { HtmlKind } from '../../src/client/generated/graphql.js';
import { defaultSizes } from '../../src/model/markup.js';
import { checkReachable, fetchMarkup, uploadAndWait, type Markup } from './darkroom-images.js';
import { attrOf, findImgTags, type ImgTag } from './find-img-tags.js';
import { decodePage, encodePage } from './page-text.js';
import { placeholderMarkup } from './placeholder-markup.js';
import { silentProgress, type Progress } from './progress.js';
import { resolveSource } from './resolve-source.js';
import { pageDiff, spliceTags, type Replacement } from './rewrite-page.js';
import { rewriteMarkup } from './rewrite-tag.js';
import { listPages } from './site-pages.js';
import { sourceLoader, type SourceImage } from './source-images.js';
import { copyDeliveryUrl, relativeUrl, variantFolder } from './variant-files.js';

export interface OptimizeOptions {
  /** The site folder: pages are found under it, `/…` srcs resolve against it. */
  root: string;
  /** The API; not needed for a dry run, which sends nothing. */
  client?: DarkroomClient | undefined;
  /** The API's URL, for messages. */
  url?: string | undefined;
  /** Default IMG_SRCSET. */
  markup?: HtmlKind | undefined;
  /** Overrides every tag's sizes (see sizesFor). */
  sizes?: string | undefined;
  preset?: string | undefined;
  /** Keep the API's (presigned, expiring) URLs instead of copying the variants into the site. */
  remote?: boolean | undefined;
  /** Upload nothing, write nothing: return the diff with placeholders for the variants. */
  dryRun?: boolean | undefined;
  /** Pictures in flight at once (default 4). */
  concurrency?: number | undefined;
  /** How long to wait for each picture to be processed (default 120 s). */
  timeoutMs?: number | undefined;
  progress?: Progress | undefined;
  /** For the variant downloads (default: global fetch). */
  fetch?: typeof fetch | undefined;
}

export interface SkippedTag {
  /** Relative to the site folder, `/`-separated. */
  page: string;
  line: number;
  src: string;
  reason: string;
}

export interface FailedImage {
  /** The first path (relative to the site folder) that references the picture. */
  file: string;
  /** How many tags show it; all are left as they were. */
  tags: number;
  reason: string;
}

export interface OptimizeResult {
  /** Unified diff of every page that changed (or would, in a dry run), in page order. */
  diff: string;
  /** Pages rewritten (or that would be), relative to the site folder. */
  changedPages: string[];
  /**
   * Variant files written for the pictures whose tags were rewritten, relative to the site
   * folder (a picture that failed midway may leave some of its own on disk, linked from nowhere).
   */
  variantFiles: string[];
  /** Tags rewritten (or that would be). */
  rewritten: number;
  /** Tags rewritten (or that would be) per changed page. */
  rewrittenIn: Record<string, number>;
  /** Distinct local pictures the tags show: what a run uploads (a dry run only counts them). */
  pictures: number;
  /** Distinct pictures uploaded and processed (0 in a dry run). */
  uploaded: number;
  /** Tags that showed a picture another tag had already uploaded: no upload of their own. */
  reused: number;
  skipped: SkippedTag[];
  failed: FailedImage[];
}

interface Page {
  path: string;
  name: string;
  text: string;
  replacements: Replacement[];
}

interface Use {
  page: Page;
  tag: ImgTag;
}

/** One distinct picture (by content) and every tag that shows it. */
interface Picture {
  image: SourceImage;
  /** The first path that referenced it: its file name in the API, its name in messages. */
  file: string;
  uses: Use[];
}

const siteName = (root: string, path: string) => relative(root, path).split(sep).join('/');

/**
 * The `sizes` a tag's markup gets: `--sizes` for all; else the tag's own; else, when the page
 * gave the tag a width in pixels, "up to that width" (the default for the largest variant would
 * make browsers fetch a large file for a small slot); else the API's default.
 */
export function sizesFor(tag: ImgTag, override: string | undefined): string | null {
  if (override) return override;
  const own = attrOf(tag.attrs, 'sizes')?.trim();
  if (own) return own;
  const width = attrOf(tag.attrs, 'width')?.trim();
  if (width && /^\d+$/.test(width) && Number(width) > 0) return defaultSizes(Number(width));
  return null;
}

export async function optimizeSite(options: OptimizeOptions): Promise<OptimizeResult> {
  const root = resolve(options.root);
  const kind = options.markup ?? 'IMG_SRCSET';
  const progress = options.progress ?? silentProgress;
  const result: OptimizeResult = {
    diff: '',
    changedPages: [],
    variantFiles: [],
    rewritten: 0,
    rewrittenIn: {},
    pictures: 0,
    uploaded: 0,
    reused: 0,
    skipped: [],
    failed: [],
  };

  // 1. Every <img> of every page, grouped by the picture it shows.
  const pages: Page[] = [];
  const pictures = new Map<string, Picture>();
  const load = sourceLoader();
  for (const path of await listPages(root)) {
    const name = siteName(root, path);
    const text = decodePage(await readFile(path));
    if (text === undefined) {
      result.skipped.push({
        page: name,
        line: 0,
        src: '',
        reason: 'page is not UTF-8: left as is',
      });
      continue;
    }
    const page: Page = { path, name, text, replacements: [] };
    pages.push(page);
    const found = findImgTags(text);
    for (const skip of found.skipped) result.skipped.push({ page: name, ...skip });
    for (const tag of found.tags) {
      const src = attrOf(tag.attrs, 'src') ?? '';
      const skip = (reason: string) =>
        result.skipped.push({ page: name, line: tag.line, src, reason });
      // <base href> moves every relative URL somewhere this tool cannot check.
      if (found.hasBase) {
        skip('the page has <base href>');
        continue;
      }
      const resolved = resolveSource(src, path, root);
      if ('skip' in resolved) {
        skip(resolved.skip);
        continue;
      }
      const loaded = await load(resolved.file);
      if ('skip' in loaded) {
        skip(loaded.skip);
        continue;
      }
      const { hash } = loaded.image;
      let picture = pictures.get(hash);
      if (!picture) {
        picture = { image: loaded.image, file: siteName(root, resolved.file), uses: [] };
        pictures.set(hash, picture);
      }
      picture.uses.push({ page, tag });
    }
  }

  result.pictures = pictures.size;

  // 2. The new markup of each tag.
  if (options.dryRun) {
    for (const { image, uses } of pictures.values()) {
      for (const { page, tag } of uses) {
        const markup = placeholderMarkup({
          kind,
          folderUrl: options.remote
            ? undefined
            : relativeUrl(page.path, variantFolder(root, image.hash)),
          sizes: sizesFor(tag, options.sizes),
          alt: attrOf(tag.attrs, 'alt') ?? null,
        });
        page.replacements.push({ ...tag, html: rewriteMarkup(markup, tag.attrs, kind) });
      }
      result.reused += uses.length - 1;
    }
  } else if (pictures.size > 0) {
    const client = options.client;
    if (!client) throw new Error('optimizeSite needs a client unless dryRun is set');
    await checkReachable(client, options.url ?? 'the API');
    const run: Run = { client, root, kind, options, progress };
    const written = new Set<string>();
    const limit = pLimit(Math.max(1, options.concurrency ?? 4));
    progress.start(pictures.size);
    try {
      await Promise.all(
        [...pictures.values()].map((picture) =>
          limit(async () => {
            const files = new Set<string>();
            try {
              const markups = await processPicture(run, picture, files);
              // Only now, with every variant on disk: a failure leaves all its tags as they were.
              for (const [use, html] of markups) use.page.replacements.push({ ...use.tag, html });
              for (const file of files) written.add(file);
              result.uploaded += 1;
              result.reused += picture.uses.length - 1;
              progress.finished(picture.file, 'done');
            } catch (error) {
              const reason = (error as Error).message;
              result.failed.push({ file: picture.file, tags: picture.uses.length, reason });
              progress.finished(picture.file, `failed: ${reason}`);
            }
          }),
        ),
      );
    } finally {
      progress.stop();
    }
    result.variantFiles = [...written].sort();
  }

  // 3. The pages, each rewritten in one go.
  const diffs: string[] = [];
  for (const page of pages) {
    if (page.replacements.length === 0) continue;
    const after = spliceTags(page.text, page.replacements);
    if (after === page.text) continue;
    result.rewritten += page.replacements.length;
    result.rewrittenIn[page.name] = page.replacements.length;
    result.changedPages.push(page.name);
    diffs.push(pageDiff(page.name, page.text, after));
    if (!options.dryRun) await writeFile(page.path, encodePage(after));
  }
  result.diff = diffs.join('');
  result.failed.sort((a, b) => a.file.localeCompare(b.file));
  return result;
}

/** What processing one picture needs from the run. */
interface Run {
  client: DarkroomClient;
  root: string;
  kind: HtmlKind;
  options: OptimizeOptions;
  progress: Progress;
}

/**
 * Uploads the picture, waits for it, fetches the markup for each of its tags and (unless remote)
 * downloads the variants that markup links to, adding each file to `written` (relative to the
 * site folder). Returns each tag's new markup; throws, writing no page, if any step fails.
 */
async function processPicture(
  run: Run,
  picture: Picture,
  written: Set<string>,
): Promise<Map<Use, string>> {
  const { client, root, kind, options, progress } = run;
  const { image, file, uses } = picture;
  const id = await uploadAndWait(
    client,
    image,
    basename(file),
    { preset: options.preset, timeoutMs: options.timeoutMs ?? 120_000 },
    (state) => progress.step(file, state),
  );
  progress.step(file, 'fetching markup');
  // Tags with the same alt and sizes share one markup request.
  const markups = new Map<string, Promise<Markup>>();
  const folder = variantFolder(root, image.hash);
  /** Each image URL the markup links to, copied once: URL → the file written. */
  const copies = new Map<string, Promise<string>>();
  const send = options.fetch ?? fetch;
  const out = new Map<Use, string>();
  for (const use of uses) {
    const sizes = sizesFor(use.tag, options.sizes);
    const alt = attrOf(use.tag.attrs, 'alt') ?? null;
    const key = JSON.stringify([sizes, alt]);
    let pending = markups.get(key);
    if (!pending) markups.set(key, (pending = fetchMarkup(client, id, kind, sizes, alt)));
    const markup = await pending;
    if (options.remote) {
      out.set(use, rewriteMarkup(markup.html, use.tag.attrs, kind));
      continue;
    }
    // First every URL the markup links to is copied next to the site, then the links point there.
    const urls = new Set<string>();
    rewriteMarkup(markup.html, use.tag.attrs, kind, (url) => (urls.add(url), url));
    for (const url of urls) {
      if (!copies.has(url)) {
        progress.step(file, `downloading ${copies.size + 1} of ${urls.size}+ images`);
        copies.set(
          url,
          copyDeliveryUrl(url, folder, markup.variants, send).then((path) => {
            written.add(siteName(root, path));
            return path;
          }),
        );
      }
    }
    const files = new Map<string, string>();
    for (const url of urls) files.set(url, await copies.get(url)!);
    out.set(
      use,
      rewriteMarkup(markup.html, use.tag.attrs, kind, (url) =>
        relativeUrl(use.page.path, files.get(url)!),
      ),
    );
  }
  return out;
}

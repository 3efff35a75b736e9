/**
 * Responsive markup for a processed image: `<img srcset>`, `<picture>` or `<amp-img>` over its
 * variants. Pure (no I/O, URLs already signed), so the API's `Image.html` field and offline tools
 * render the same thing.
 */

export type HtmlKind = 'IMG_SRCSET' | 'PICTURE' | 'AMP_IMG';

export interface MarkupImage {
  /** The client's file name: user input, escaped like everything else. */
  filename: string;
  /** The original's display size (after EXIF orientation), when known. */
  width?: number | null;
  height?: number | null;
  labels?: readonly { name: string; confidence: number }[] | null;
}

export interface MarkupVariant {
  url: string;
  width: number;
  height: number;
  /** jpeg, png, webp, avif… (the MIME subtype). */
  format: string;
  /**
   * What the output did to the picture besides resizing (effects, flips…), e.g. its operations
   * as JSON; empty or absent for a plain rendition. Variants that look different never share a
   * srcset: the browser would pick between a colour and a greyscale picture by screen width.
   */
  look?: string;
}

export interface MarkupOptions {
  kind?: HtmlKind;
  /** The `sizes` attribute; see defaultSizes. */
  sizes?: string | null;
  /** Alternative text; `""` marks a decorative image. When absent it is made by altText. */
  alt?: string | null;
}

/** Formats every browser shows: an `<img>` srcset may mix them. Earlier wins a tie in width. */
const UNIVERSAL_FORMATS = ['jpeg', 'png', 'gif'];
/** When there is no universal format, the `<img>` uses the first of these there is. */
const MODERN_FALLBACKS = ['webp', 'avif'];
/** `<source>` formats in `<picture>`, most efficient first: the browser takes the first it supports. */
const SOURCE_FORMATS = ['avif', 'webp'];
/** Labels that make up a generated alt text. */
const ALT_LABELS = 3;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Safe inside a double-quoted attribute (and as text). */
export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/**
 * Whether the variant shows the whole `width`×`height` picture, undistorted: its aspect ratio is
 * within 1%, or it is what rounding a scaled copy to whole pixels gives (tiny variants of
 * panoramas are off by more than 1%). Cover crops of another shape, such as a square thumb, are not.
 */
export function sameAspect(variant: MarkupVariant, width: number, height: number): boolean {
  const ratio = width / height;
  if (Math.abs(variant.width / variant.height - ratio) <= ratio * 0.01) return true;
  // Some scale s rounds to both sides: [(w ± ½) / W] and [(h ± ½) / H] overlap.
  const low = Math.max((variant.width - 0.5) / width, (variant.height - 0.5) / height);
  const high = Math.min((variant.width + 0.5) / width, (variant.height + 0.5) / height);
  return low <= high;
}

const largestOf = (variants: readonly MarkupVariant[]) =>
  variants.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a));

/**
 * The variants a srcset may offer: the same picture at several sizes. First those with the
 * original's aspect ratio (when none has it, as when every output is a crop, those shaped like
 * the largest variant); then, of those, the plain renditions, else the look of the largest.
 */
export function srcsetCandidates(
  image: MarkupImage,
  variants: readonly MarkupVariant[],
): MarkupVariant[] {
  if (variants.length === 0) return [];
  let shaped: MarkupVariant[] = [];
  if (image.width && image.height) {
    shaped = variants.filter((v) => sameAspect(v, image.width!, image.height!));
  }
  if (shaped.length === 0) {
    const largest = largestOf(variants);
    shaped = variants.filter((v) => sameAspect(v, largest.width, largest.height));
  }
  const plain = shaped.filter((v) => !v.look);
  if (plain.length > 0) return plain;
  const look = largestOf(shaped).look;
  return shaped.filter((v) => v.look === look);
}

/**
 * Alternative text when the caller gives none: the most confident labels ("Dog, Grass, Park"),
 * else the file name without its extension.
 */
export function altText(image: MarkupImage): string {
  const names = [...(image.labels ?? [])]
    .sort((a, b) => b.confidence - a.confidence)
    .map((label) => label.name.trim())
    .filter((name, i, all) => name && all.indexOf(name) === i)
    .slice(0, ALT_LABELS);
  if (names.length > 0) return names.join(', ');
  const stem = image.filename.replace(/\.[^.]*$/, '');
  return stem || image.filename;
}

/** Full viewport width on small screens, never wider than the largest variant. */
export const defaultSizes = (largestWidth: number) =>
  `(max-width: ${largestWidth}px) 100vw, ${largestWidth}px`;

const formatRank = (format: string) => {
  const rank = UNIVERSAL_FORMATS.indexOf(format);
  return rank < 0 ? UNIVERSAL_FORMATS.length : rank;
};

/** `url 640w, url 1280w`, narrowest first, one candidate per width (JPEG over PNG for a tie). */
function srcset(variants: readonly MarkupVariant[]): string {
  const byWidth = new Map<number, MarkupVariant>();
  const ordered = [...variants].sort(
    (a, b) => a.width - b.width || formatRank(a.format) - formatRank(b.format),
  );
  for (const v of ordered) {
    if (!byWidth.has(v.width)) byWidth.set(v.width, v);
  }
  // Whitespace would split a candidate in two; a URL never needs it raw.
  return [...byWidth.values()]
    .map((v) => `${v.url.replace(/\s/g, (c) => encodeURIComponent(c))} ${v.width}w`)
    .join(', ');
}

const attributes = (pairs: [string, string | number][]) =>
  pairs.map(([name, value]) => ` ${name}="${escapeHtml(String(value))}"`).join('');

/**
 * The markup, or undefined when there is no variant to show. Every attribute value is escaped,
 * so file names, labels, `alt` and `sizes` can hold anything.
 */
export function renderImageHtml(
  image: MarkupImage,
  variants: readonly MarkupVariant[],
  options: MarkupOptions = {},
): string | undefined {
  const candidates = srcsetCandidates(image, variants);
  if (candidates.length === 0) return undefined;
  const formats = new Set(candidates.map((v) => v.format));
  // The <img>: every variant any browser shows, else the most widely supported modern format.
  let fallback = candidates.filter((v) => UNIVERSAL_FORMATS.includes(v.format));
  if (fallback.length === 0) {
    const format = MODERN_FALLBACKS.find((f) => formats.has(f)) ?? candidates[0]!.format;
    fallback = candidates.filter((v) => v.format === format);
  }
  const fallbackFormats = new Set(fallback.map((v) => v.format));
  const largest = fallback.reduce((a, b) =>
    b.width > a.width || (b.width === a.width && formatRank(b.format) < formatRank(a.format))
      ? b
      : a,
  );
  const sizes = options.sizes ?? defaultSizes(largest.width);
  const alt = options.alt ?? altText(image);

  const img: [string, string | number][] = [
    ['src', largest.url],
    ['srcset', srcset(fallback)],
    ['sizes', sizes],
    ['width', largest.width],
    ['height', largest.height],
    ['alt', alt],
  ];
  switch (options.kind ?? 'IMG_SRCSET') {
    case 'IMG_SRCSET':
      return `<img${attributes([...img, ['loading', 'lazy'], ['decoding', 'async']])}>`;
    case 'PICTURE': {
      const sources = SOURCE_FORMATS.filter((f) => !fallbackFormats.has(f) && formats.has(f)).map(
        (format) =>
          `<source${attributes([
            ['type', `image/${format}`],
            ['srcset', srcset(candidates.filter((v) => v.format === format))],
            ['sizes', sizes],
          ])}>`,
      );
      const fallbackImg = `<img${attributes([...img, ['loading', 'lazy'], ['decoding', 'async']])}>`;
      return `<picture>${sources.join('')}${fallbackImg}</picture>`;
    }
    case 'AMP_IMG':
      // AMP loads lazily by itself and does not allow `loading`/`decoding`; `layout="responsive"`
      // scales to the container, keeping the ratio of width to height.
      return `<amp-img${attributes([['layout', 'responsive'], ...img])}></amp-img>`;
  }
}

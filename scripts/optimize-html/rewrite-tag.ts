/**
 * The replacement for one `<img>` tag: the API's markup, its URLs swapped for the copies next to
 * the site (or left remote), and the original tag's own attributes carried over.
 */
import { parseFragment, type DefaultTreeAdapterTypes, type Token } from 'parse5';
import { escapeHtml, type HtmlKind } from '../../src/model/markup.js';
import { formatSrcset, parseSrcset } from './srcset.js';

type Element = DefaultTreeAdapterTypes.Element;
type Attribute = Token.Attribute;

/**
 * Attributes of the original tag the markup decides instead: the picture's URLs, and `alt` and
 * `sizes`, which the API was asked to render with (so they come back, escaped like the rest).
 */
const FROM_MARKUP = new Set(['src', 'srcset', 'sizes', 'alt']);
/** What can be written back as an attribute name: no space, quote, `>`, `/` or `=`. */
const VALID_NAME = /^[^\s"'>/=]+$/;
/** AMP sets these itself and refuses pages that set them. */
const NOT_ON_AMP = new Set(['loading', 'decoding']);

/**
 * The attributes of the generated `<img>`/`<amp-img>`: the markup's, then the original tag's.
 *
 * - Where both have an attribute (`loading="eager"` on a hero image, say), the tag's value wins,
 *   in the markup's position.
 * - `width`/`height`: if the tag had either, the page chose a display size; the tag's stay and
 *   the markup's pair goes, so the layout does not change (a lone `width` keeps its auto height).
 *   `<amp-img layout="responsive">` needs the pair for its aspect ratio, so there the markup's
 *   stay and the tag's go.
 * - Everything else (class, id, style, title, data-*, aria-*, itemprop, usemap…) is kept.
 */
export function mergeAttributes(
  generated: readonly Attribute[],
  original: readonly Attribute[],
  kind: HtmlKind,
): Attribute[] {
  const amp = kind === 'AMP_IMG';
  const pageSized = original.some((a) => a.name === 'width' || a.name === 'height');
  const isSize = (a: Attribute) => a.name === 'width' || a.name === 'height';
  const merged = generated
    .filter((a) => amp || !pageSized || !isSize(a))
    .map((a) => ({ name: a.name, value: a.value }));
  for (const attr of original) {
    if (FROM_MARKUP.has(attr.name)) continue;
    // Junk the parser read as a name (`<img src=a "b>` has an attribute `"b`) cannot be written
    // back as an attribute; it goes.
    if (!VALID_NAME.test(attr.name)) continue;
    if (amp && (NOT_ON_AMP.has(attr.name) || isSize(attr))) continue;
    const same = merged.find((a) => a.name === attr.name);
    if (same) same.value = attr.value;
    else merged.push({ name: attr.name, value: attr.value });
  }
  return merged;
}

const isElement = (node: DefaultTreeAdapterTypes.Node): node is Element => 'tagName' in node;

function elementsOf(parent: DefaultTreeAdapterTypes.ParentNode): Element[] {
  return parent.childNodes.filter(isElement).flatMap((el) => [el, ...elementsOf(el)]);
}

const startTag = (name: string, attrs: readonly Attribute[]) =>
  `<${name}${attrs.map((a) => ` ${a.name}="${escapeHtml(a.value)}"`).join('')}>`;

/**
 * `markup` (the API's `Image.html`) with every `src`/`srcset` URL passed through `mapUrl` and the
 * original tag's attributes merged into its `<img>` or `<amp-img>`. Only the start tags are
 * rewritten; whatever else the markup holds (`<picture>`, `</amp-img>`) is kept as it came.
 * Throws when the markup has no image element.
 */
export function rewriteMarkup(
  markup: string,
  original: readonly Attribute[],
  kind: HtmlKind,
  mapUrl: (url: string) => string = (url) => url,
): string {
  const elements = elementsOf(parseFragment(markup, { sourceCodeLocationInfo: true }));
  const main = elements.find((el) => el.tagName === 'img' || el.tagName === 'amp-img');
  if (!main) throw new Error(`the markup has no <img>: ${markup.slice(0, 120)}`);
  let out = markup;
  // Last first, so the offsets of the earlier tags still hold.
  for (const el of [...elements].reverse()) {
    const location = el.sourceCodeLocation?.startTag;
    if (!location) continue;
    let attrs = el.attrs.map((a) => {
      if (a.name === 'src') return { name: a.name, value: mapUrl(a.value) };
      if (a.name === 'srcset') {
        const candidates = parseSrcset(a.value).map((c) => ({ ...c, url: mapUrl(c.url) }));
        return { name: a.name, value: formatSrcset(candidates) };
      }
      return { name: a.name, value: a.value };
    });
    if (el === main) attrs = mergeAttributes(attrs, original, kind);
    out =
      out.slice(0, location.startOffset) +
      startTag(el.tagName, attrs) +
      out.slice(location.endOffset);
  }
  return out;
}

/**
 * The `<img>` start tags of a page, with where they are in its text, found by a real HTML parser
 * (parse5) so comments, scripts, attributes containing `>` and unquoted values are read as a
 * browser reads them.
 */
import { html, parse, type DefaultTreeAdapterTypes, type Token } from 'parse5';

type Element = DefaultTreeAdapterTypes.Element;
type ParentNode = DefaultTreeAdapterTypes.ParentNode;

export interface ImgTag {
  /** The start tag's range in the page's text (string offsets, end exclusive). */
  start: number;
  end: number;
  /** 1-based, for messages. */
  line: number;
  /** Decoded as a browser reads them (entities resolved, names lower-cased), in source order. */
  attrs: readonly Token.Attribute[];
}

export interface TagSkip {
  line: number;
  src: string;
  reason: string;
}

export interface PageTags {
  /** Tags that may be rewritten, if their src turns out to be a local image. */
  tags: ImgTag[];
  /** Tags that are left alone whatever their src is. */
  skipped: TagSkip[];
  /** The page has `<base href>`, which changes what every relative src means. */
  hasBase: boolean;
}

export const attrOf = (attrs: readonly Token.Attribute[], name: string): string | undefined =>
  attrs.find((a) => a.name === name)?.value;

const isElement = (node: DefaultTreeAdapterTypes.Node): node is Element => 'tagName' in node;

export function findImgTags(page: string): PageTags {
  const document = parse(page, { sourceCodeLocationInfo: true });
  const result: PageTags = { tags: [], skipped: [], hasBase: false };

  const visit = (parent: ParentNode) => {
    for (const node of parent.childNodes) {
      if (!isElement(node)) continue;
      // SVG and MathML have elements of their own; only HTML's <img> is ours.
      if (node.namespaceURI === html.NS.HTML) {
        if (node.tagName === 'base' && attrOf(node.attrs, 'href') !== undefined) {
          result.hasBase = true;
        }
        if (node.tagName === 'img') inspect(node);
      }
      visit(node);
      if (node.tagName === 'template') visit((node as DefaultTreeAdapterTypes.Template).content);
    }
  };

  const inspect = (img: Element) => {
    const location = img.sourceCodeLocation?.startTag ?? img.sourceCodeLocation;
    const src = attrOf(img.attrs, 'src') ?? '';
    // Elements the parser made up (none for <img>) have no location: nothing to rewrite.
    if (!location) return;
    const line = location.startLine;
    const skip = (reason: string) => result.skipped.push({ line, src, reason });
    if (!src.trim()) return skip('no src');
    if (attrOf(img.attrs, 'srcset') !== undefined) return skip('already responsive (has srcset)');
    const parent = img.parentNode;
    if (parent && isElement(parent) && parent.tagName === 'picture') {
      return skip('already inside a <picture>');
    }
    result.tags.push({
      start: location.startOffset,
      end: location.endOffset,
      line,
      attrs: img.attrs,
    });
  };

  visit(document);
  return result;
}

import { UnprocessableImageError } from '../../model/failure.js';
import { findDangerousTag, type TagPolicy } from './start-tags.js';

/**
 * Markup that would turn an "image" into something a browser runs if the file were ever served
 * as HTML (a polyglot): scripts, event handlers and script URLs on any element, embedded
 * documents, and HTML documents. Metadata is text too, XMP is XML (`<x:xmpmeta>`, `<rdf:li>`):
 * that has none of these, so ordinary photos pass. Rules are chosen so that random image data
 * matches them about once in millions of uploads (see each).
 */

/**
 * Elements that run code or embed a document, refused as soon as `<name` is followed by a space,
 * `/` or `>`. Five letters or more: random bytes spell one about once in 10^14 positions.
 */
const OPENED: Record<string, string> = {
  script: 'a script',
  iframe: 'an embedded document',
  frame: 'an embedded document',
  frameset: 'an embedded document',
  object: 'an embedded object',
  embed: 'an embedded object',
  applet: 'an embedded object',
  portal: 'an embedded document',
  style: 'a stylesheet',
  template: 'an HTML template',
};

/**
 * Elements of an HTML (or inline SVG/MathML) document, refused as complete tags only: short names
 * occur by chance in compressed data, a whole well-formed tag almost never.
 */
const COMPLETE: Record<string, string> = {
  html: 'an HTML document',
  head: 'an HTML document',
  body: 'an HTML document',
  meta: 'an HTML directive',
  base: 'an HTML directive',
  link: 'a linked resource',
  form: 'a form',
  svg: 'inline SVG',
  math: 'inline MathML',
};
/**
 * Refused only with attributes: `<svg>` alone runs nothing (what could, inside it, has a rule
 * of its own), and its five bytes turn up by chance in about one photo in 50,000.
 */
const NEED_ATTRIBUTES = new Set(['svg', 'math']);

/** `onload`, `onerror`, `onpointerenter`…: every event handler has three letters or more after `on`. */
const EVENT_HANDLER = /^on[a-z]{3,}$/;
/** What a URL's scheme is once a browser has decoded and cleaned it. */
const SCRIPT_URL = /^(?:javascript|vbscript|livescript):|^data:text\/html/;
/** Signatures of documents that are no start tag, too long to occur by chance: [prefix, rest]. */
const SIGNATURES: [prefix: string, rest: RegExp, reason: string][] = [
  ['<!', /^<!doctype\s+html/i, 'an HTML document'],
  ['<?', /^<\?php\s/i, 'PHP code'],
];

/** A value as the browser reads it: character references decoded, tabs and newlines dropped. */
function urlOf(value: string): string {
  return value
    .replace(
      /&#x([0-9a-f]+);?|&#(\d+);?|&(colon|tab|newline);/gi,
      (_: string, hex?: string, dec?: string, named?: string) => {
        if (named) return { colon: ':', tab: '\t', newline: '\n' }[named.toLowerCase()]!;
        const point = hex ? parseInt(hex, 16) : Number(dec);
        return point > 0 && point <= 0x10ffff ? String.fromCodePoint(point) : '';
      },
    )
    .replace(/[\t\n\r]/g, '')
    .replace(/^[\0- ]+/, '')
    .toLowerCase();
}

const POLICY: TagPolicy = {
  longestName: Math.max(...[...Object.keys(OPENED), ...Object.keys(COMPLETE)].map((k) => k.length)),
  openedElement: (name) => (Object.hasOwn(OPENED, name) ? OPENED[name] : undefined),
  completeElement: (name, hasAttributes) =>
    Object.hasOwn(COMPLETE, name) && (hasAttributes || !NEED_ATTRIBUTES.has(name))
      ? COMPLETE[name]
      : undefined,
  attribute(name, value) {
    if (EVENT_HANDLER.test(name)) return 'an event handler';
    if (SCRIPT_URL.test(urlOf(value))) return 'a script URL';
    return undefined;
  },
};

/** Up to 80 characters from `at` (to the tag's end), safe for an error field. */
const excerpt = (bytes: Buffer, at: number) => {
  const shown = bytes.toString('latin1', at, at + 80);
  const end = shown.indexOf('>');
  // JSON escapes control characters and quotes: the error stays on one line.
  return JSON.stringify(end >= 0 ? shown.slice(0, end + 1) : shown);
};

function findSignature(bytes: Buffer): { reason: string; at: number } | undefined {
  for (const [prefix, rest, reason] of SIGNATURES) {
    for (let at = bytes.indexOf(prefix); at >= 0; at = bytes.indexOf(prefix, at + 1)) {
      if (rest.test(bytes.toString('latin1', at, at + 32))) return { reason, at };
    }
  }
  return undefined;
}

/** Where the bytes carry markup a browser would act on, and what it is; undefined when none. */
export function findMarkup(
  bytes: Buffer,
): { reason: string; at: number; excerpt: string } | undefined {
  const found = findSignature(bytes) ?? findDangerousTag(bytes, POLICY);
  return found && { ...found, excerpt: excerpt(bytes, found.at) };
}

/** Refuses a raster image whose bytes also carry markup: a possible polyglot. */
export function checkNoMarkup(bytes: Buffer): void {
  const markup = findMarkup(bytes);
  if (markup) {
    throw new UnprocessableImageError(
      'SUSPICIOUS_CONTENT',
      `the file also contains markup (${markup.reason}: ${markup.excerpt} at byte ${markup.at}): refusing a possible polyglot`,
    );
  }
}

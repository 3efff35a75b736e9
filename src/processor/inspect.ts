import type { ImageFormat } from '../model/formats.js';
import { UnprocessableImageError } from './pipeline.js';

/**
 * Checks on the raw bytes before any decode: things a decoder would happily accept but an image
 * service should not. Each refusal names what was found.
 */

export interface InspectOptions {
  /** Largest total of metadata segments (EXIF, XMP, ICC, comments…) accepted. */
  maxMetadataBytes: number;
}

// Markup that turns an "image" into something a browser would run if it were ever served raw.
const MARKUP = /<(?:script|html|body|iframe|object|embed|\?php)[\s>/]/i;

export function inspectUpload(bytes: Buffer, format: ImageFormat | 'svg', options: InspectOptions) {
  if (format === 'svg') return inspectSvg(bytes);
  const markup = MARKUP.exec(bytes.toString('latin1'));
  if (markup) {
    throw new UnprocessableImageError(
      'SUSPICIOUS_CONTENT',
      `the file also contains markup (${JSON.stringify(markup[0].trim())} at byte ${markup.index}): refusing a possible polyglot`,
    );
  }
  const metadata =
    format === 'jpeg' ? jpegMetadataBytes(bytes) : format === 'png' ? pngMetadataBytes(bytes) : 0;
  if (metadata > options.maxMetadataBytes) {
    throw new UnprocessableImageError(
      'METADATA_TOO_LARGE',
      `metadata segments total ${metadata} bytes; the limit is ${options.maxMetadataBytes}`,
    );
  }
}

/** Sum of APPn and COM segment lengths before the image data (JPEG markers up to SOS). */
export function jpegMetadataBytes(bytes: Buffer): number {
  let total = 0;
  let offset = 2; // after SOI
  while (offset + 4 <= bytes.length && bytes[offset] === 0xff) {
    const marker = bytes[offset + 1]!;
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2; // standalone markers
      continue;
    }
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    if (marker === 0xda || marker === 0xd9) break; // start of scan / end of image
    const length = bytes.readUInt16BE(offset + 2);
    if ((marker >= 0xe0 && marker <= 0xef) || marker === 0xfe) total += length;
    offset += 2 + length;
  }
  return total;
}

/** Sum of ancillary text, EXIF and ICC chunk lengths (PNG). */
export function pngMetadataBytes(bytes: Buffer): number {
  const METADATA = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'iCCP']);
  let total = 0;
  let offset = 8; // after the signature
  while (offset + 8 <= bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    if (METADATA.has(type)) total += length;
    if (type === 'IEND') break;
    offset += 12 + length;
  }
  return total;
}

// An XML declaration, comments and a DOCTYPE (with an internal subset) may precede the root; the
// DOCTYPE is recognised here so that it can be refused by name rather than as "not an image".
const SVG_ROOT =
  /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!DOCTYPE[^[>]*(?:\[[\s\S]*?\])?\s*>\s*)?(?:<!--[\s\S]*?-->\s*)*<svg[\s>]/i;

/** Whether the bytes are an SVG document (only consulted when SVG uploads are enabled). */
export const looksLikeSvg = (bytes: Buffer) =>
  SVG_ROOT.test(bytes.subarray(0, 4096).toString('utf8'));

/**
 * SVG is a document format: it may reference files and URLs, declare entities and carry scripts.
 * Only self-contained drawings are rendered: no DOCTYPE or entities, no scripts or foreign
 * content, and no references except to fragments of itself or inline data.
 */
function inspectSvg(bytes: Buffer) {
  const text = bytes.toString('utf8');
  const refuse = (what: string) => {
    throw new UnprocessableImageError('SUSPICIOUS_CONTENT', `SVG refused: ${what}`);
  };
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) refuse('it declares a DOCTYPE or entities');
  if (/<(?:script|foreignObject|iframe|object|embed)[\s>/]/i.test(text)) {
    refuse('it contains scripts or foreign content');
  }
  if (/\son[a-z]+\s*=/i.test(text)) refuse('it has event handler attributes');
  for (const match of text.matchAll(/(?:href|src)\s*=\s*["']\s*([^"']*)["']/gi)) {
    const target = match[1]!;
    if (!target.startsWith('#') && !/^data:image\//i.test(target)) {
      refuse(`it references ${JSON.stringify(target.slice(0, 80))}`);
    }
  }
  if (/url\(\s*["']?\s*(?!#|data:)/i.test(text)) refuse('it references external resources in CSS');
  if (/@import/i.test(text)) refuse('it imports stylesheets');
}

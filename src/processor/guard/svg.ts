import { UnprocessableImageError } from '../../model/failure.js';

/**
 * SVG is a document format: it may reference files and URLs, declare entities and carry scripts.
 * Only self-contained drawings are rendered: no DOCTYPE or entities, no scripts or foreign
 * content, and no references except to fragments of itself or inline data.
 */
export function checkSvg(bytes: Buffer) {
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

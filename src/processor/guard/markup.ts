import { UnprocessableImageError } from '../../model/failure.js';

// Markup that turns an "image" into something a browser would run if it were ever served raw.
const MARKUP = /<(?:script|html|body|iframe|object|embed|\?php)[\s>/]/i;

/** Refuses a raster image whose bytes also carry markup: a possible polyglot. */
export function checkNoMarkup(bytes: Buffer): void {
  const markup = MARKUP.exec(bytes.toString('latin1'));
  if (markup) {
    throw new UnprocessableImageError(
      'SUSPICIOUS_CONTENT',
      `the file also contains markup (${JSON.stringify(markup[0].trim())} at byte ${markup.index}): refusing a possible polyglot`,
    );
  }
}

/** Image formats the service accepts, and recognising them from their first bytes. */

export const ACCEPTED_CONTENT_TYPES = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/avif': 'avif',
  'image/tiff': 'tiff',
  // What phones save: HEVC-coded HEIF. Apps send either type for it.
  'image/heic': 'heic',
  'image/heif': 'heic',
} as const;

export type ContentType = keyof typeof ACCEPTED_CONTENT_TYPES;

/** Accepted only where ALLOW_SVG is set, and rendered only when self-contained. */
export const SVG_CONTENT_TYPE = 'image/svg+xml';
export type ImageFormat = (typeof ACCEPTED_CONTENT_TYPES)[ContentType];

export const isAcceptedContentType = (value: string): value is ContentType =>
  Object.hasOwn(ACCEPTED_CONTENT_TYPES, value);

export const contentTypeOf = (format: ImageFormat): ContentType =>
  (Object.keys(ACCEPTED_CONTENT_TYPES) as ContentType[]).find(
    (type) => ACCEPTED_CONTENT_TYPES[type] === format,
  )!;

// An XML declaration, comments and a DOCTYPE (with an internal subset) may precede the root; the
// DOCTYPE is recognised here so that it can be refused by name rather than as "not an image".
const SVG_ROOT =
  /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!DOCTYPE[^[>]*(?:\[[\s\S]*?\])?\s*>\s*)?(?:<!--[\s\S]*?-->\s*)*<svg[\s>]/i;

/** Whether the bytes are an SVG document (uploads only where SVG is enabled; watermarks always). */
export const looksLikeSvg = (bytes: Uint8Array) =>
  SVG_ROOT.test(Buffer.from(bytes.subarray(0, 4096)).toString('utf8'));

/** What variants are made in. */
export const OUTPUT_FORMATS = ['jpeg', 'webp', 'avif', 'png'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The file extension a variant's key ends in. */
export const EXTENSIONS: Record<OutputFormat, string> = {
  jpeg: 'jpg',
  webp: 'webp',
  avif: 'avif',
  png: 'png',
};

/** Image formats the service accepts, and recognising them from their first bytes. */

export const ACCEPTED_CONTENT_TYPES = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/avif': 'avif',
  'image/tiff': 'tiff',
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

const ascii = (bytes: Uint8Array, start: number, end: number) =>
  String.fromCharCode(...bytes.subarray(start, end));

/** ISO base media brands that mean AVIF: a still image or an image sequence coded with AV1. */
const AVIF_BRANDS = new Set(['avif', 'avis']);
/** HEIF brands without AV1: HEVC-coded images (HEIC) and the generic image/sequence brands. */
const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']);
/** ftyp boxes list a handful of brands; reading at most this much bounds the work on a lying size. */
const MAX_FTYP_BYTES = 4096;

/**
 * The brands of an ISO base media file (HEIF, AVIF, MP4…) from its leading `ftyp` box: the major
 * brand, then the compatible ones; undefined when the bytes do not start with an ftyp box.
 */
export function isoBrands(bytes: Uint8Array): string[] | undefined {
  if (bytes.length < 16 || ascii(bytes, 4, 8) !== 'ftyp') return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let size = view.getUint32(0);
  let start = 8;
  if (size === 1) {
    // A 64-bit "largesize" follows the type.
    if (bytes.length < 24) return undefined;
    size = Number(view.getBigUint64(8));
    start = 16;
  } else if (size === 0) {
    size = bytes.length; // the box runs to the end of the file
  }
  if (size < start + 8) return undefined; // no room for the major brand and minor version
  const end = Math.min(size, bytes.length, MAX_FTYP_BYTES);
  const brands = [ascii(bytes, start, start + 4)];
  // The minor version (4 bytes) separates the major brand from the compatible ones.
  for (let at = start + 8; at + 4 <= end; at += 4) brands.push(ascii(bytes, at, at + 4));
  return brands;
}

/**
 * The HEIF brands of a file that is HEIF but not AVIF (HEIC from phones, say), which is not
 * accepted (yet); undefined for anything else.
 */
export function heifBrandsWithoutAvif(bytes: Uint8Array): string[] | undefined {
  const brands = isoBrands(bytes);
  if (!brands || brands.some((b) => AVIF_BRANDS.has(b))) return undefined;
  const heif = brands.filter((b, i) => HEIF_BRANDS.has(b) && brands.indexOf(b) === i);
  return heif.length > 0 ? heif : undefined;
}

/**
 * The format the bytes really are, from their magic numbers; undefined when they are not one of
 * the accepted formats. Declared types and file extensions are never trusted.
 */
export function sniffImageFormat(bytes: Uint8Array): ImageFormat | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return 'jpeg';
  if (bytes.length >= 8 && ascii(bytes, 1, 4) === 'PNG' && bytes[0] === 0x89) return 'png';
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP')
    return 'webp';
  if (bytes.length >= 6 && (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a'))
    return 'gif';
  // HEIF names its profiles by brand: an AVIF may well have `mif1` as its major brand and `avif`
  // among the compatible ones, which is as much an AVIF as one whose major brand is `avif`.
  if (isoBrands(bytes)?.some((brand) => AVIF_BRANDS.has(brand))) return 'avif';
  if (bytes.length >= 4) {
    const head = ascii(bytes, 0, 4);
    if (head === 'II*\0' || head === 'MM\0*') return 'tiff';
  }
  return undefined;
}

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

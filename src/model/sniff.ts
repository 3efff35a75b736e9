/** What format bytes really are, from their magic numbers. */
import type { ImageFormat } from './formats.js';
import { heifPrimaryCodecs } from './heif-items.js';

const ascii = (bytes: Uint8Array, start: number, end: number) =>
  String.fromCharCode(...bytes.subarray(start, end));

/** ISO base media brands that mean AVIF: a still image or an image sequence coded with AV1. */
const AVIF_BRANDS = new Set(['avif', 'avis']);
/**
 * HEIF brands without AV1: HEVC-coded images (HEIC) and the generic image/sequence brands, whose
 * codec only the header says (the guard reads it: an AV1 item is an AVIF whatever its brands).
 */
const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']);
/** The HEIF item types Darkroom decodes: HEVC (by libheif's WebAssembly build) and AV1 (libvips). */
const HEIF_CODECS: Record<string, ImageFormat | undefined> = { hvc1: 'heic', av01: 'avif' };
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
  const brands = isoBrands(bytes);
  if (brands?.some((brand) => AVIF_BRANDS.has(brand) || HEIF_BRANDS.has(brand))) {
    // The primary item's codec decides; only when the meta box cannot be read do the brands.
    const codecs = heifPrimaryCodecs(bytes);
    if (codecs) return codecs.length === 1 ? HEIF_CODECS[codecs[0]!] : undefined;
    return brands.some((brand) => AVIF_BRANDS.has(brand)) ? 'avif' : 'heic';
  }
  if (bytes.length >= 4) {
    const head = ascii(bytes, 0, 4);
    if (head === 'II*\0' || head === 'MM\0*') return 'tiff';
  }
  return undefined;
}

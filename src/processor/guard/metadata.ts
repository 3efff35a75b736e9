import type { ImageHeader } from '../../imaging/header.js';
import { UnprocessableImageError } from '../../model/failure.js';
import type { ImageFormat } from '../../model/formats.js';
import { jpegSegments, markerName } from './jpeg-segments.js';

/**
 * Metadata (EXIF, XMP, ICC, comments…) is stripped from every variant, so a large but well-formed
 * block is no danger: the image is processed and the loss is said in a warning. What is refused
 * is metadata whose lengths cannot be true, and more than the limit, which bounds the memory the
 * decoder spends holding it (libjpeg keeps every APPn segment, libvips copies EXIF/XMP/ICC).
 */

/** How much metadata there is, in bytes, and of which kinds (`EXIF`, `extended XMP`…). */
export interface MetadataSize {
  bytes: number;
  kinds: Map<string, number>;
}

/** Above this, the metadata dropped is worth a warning: more than any camera or editor writes routinely. */
export const LARGE_METADATA_BYTES = 1024 * 1024;

const EXTENDED_XMP = 'http://ns.adobe.com/xmp/extension/\0';
/** Signature, then a 32-character GUID, the packet's full length and this chunk's offset in it. */
const EXTENDED_XMP_HEADER = EXTENDED_XMP.length + 32 + 4 + 4;
const JPEG_KINDS: [marker: number, signature: string, kind: string][] = [
  [0xe1, 'Exif\0', 'EXIF'],
  [0xe1, 'http://ns.adobe.com/xap/1.0/\0', 'XMP'],
  [0xe1, EXTENDED_XMP, 'extended XMP'],
  [0xe2, 'ICC_PROFILE\0', 'ICC profile'],
  [0xed, 'Photoshop 3.0\0', 'Photoshop/IPTC'],
];
const PNG_KINDS: Record<string, string> = {
  tEXt: 'text',
  zTXt: 'text',
  iTXt: 'text',
  eXIf: 'EXIF',
  iCCP: 'ICC profile',
};

const malformed = (what: string) =>
  new UnprocessableImageError('METADATA_TOO_LARGE', `malformed metadata: ${what}`);

function add(size: MetadataSize, kind: string, bytes: number) {
  size.bytes += bytes;
  size.kinds.set(kind, (size.kinds.get(kind) ?? 0) + bytes);
}

/**
 * Measures the metadata of a JPEG or PNG from its bytes, before any decoder sees them; undefined
 * for other formats (see headerMetadataSize). Refuses metadata whose lengths cannot be true.
 */
export function measureMetadata(bytes: Buffer, format: ImageFormat): MetadataSize | undefined {
  if (format === 'jpeg') return jpegMetadata(bytes);
  if (format === 'png') return pngMetadata(bytes);
  return undefined;
}

/** APPn and COM segments, wherever libjpeg would read them (before, between and after scans). */
export function jpegMetadata(bytes: Buffer): MetadataSize {
  const size: MetadataSize = { bytes: 0, kinds: new Map() };
  const extendedXmpLengths = new Map<string, number>();
  for (const segment of jpegSegments(bytes)) {
    const { marker, offset, start, end } = segment;
    const isMetadata = (marker >= 0xe0 && marker <= 0xef) || marker === 0xfe;
    if (!isMetadata) continue; // a bad length elsewhere is the decoder's to report (CORRUPT)
    if (segment.problem) {
      throw malformed(`the ${markerName(marker)} segment at byte ${offset} ${segment.problem}`);
    }
    const signature = (s: string) => bytes.toString('latin1', start, start + s.length) === s;
    const kind =
      JPEG_KINDS.find(([m, s]) => m === marker && signature(s))?.[2] ?? markerName(marker);
    if (kind === 'extended XMP') checkExtendedXmp(bytes, segment, extendedXmpLengths);
    add(size, kind, end - start + 2);
  }
  return size;
}

/**
 * A chunk of an XMP packet too large for one segment (Adobe's Extended XMP): readers allocate the
 * full length it declares, so that length must fit in the file, agree between chunks and hold
 * the chunk.
 */
function checkExtendedXmp(
  bytes: Buffer,
  { offset, start, end }: { offset: number; start: number; end: number },
  fullLengths: Map<string, number>,
) {
  const where = `the extended XMP chunk at byte ${offset}`;
  if (end - start < EXTENDED_XMP_HEADER) throw malformed(`${where} is too short for its header`);
  const at = start + EXTENDED_XMP.length;
  const guid = bytes.toString('latin1', at, at + 32);
  const full = bytes.readUInt32BE(at + 32);
  const chunkOffset = bytes.readUInt32BE(at + 36);
  const chunkBytes = end - start - EXTENDED_XMP_HEADER;
  if (full > bytes.length) {
    throw malformed(`${where} declares a ${full}-byte packet, larger than the file`);
  }
  if (chunkOffset + chunkBytes > full) {
    throw malformed(
      `${where} holds bytes ${chunkOffset}–${chunkOffset + chunkBytes} of a ${full}-byte packet`,
    );
  }
  const known = fullLengths.get(guid);
  if (known !== undefined && known !== full) {
    throw malformed(`${where} declares a ${full}-byte packet; an earlier chunk said ${known}`);
  }
  fullLengths.set(guid, full);
}

/** Ancillary text, EXIF and ICC chunks, up to IEND. */
export function pngMetadata(bytes: Buffer): MetadataSize {
  const size: MetadataSize = { bytes: 0, kinds: new Map() };
  let offset = 8; // after the signature
  while (offset + 8 <= bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    if (type === 'IEND') break;
    const end = offset + 12 + length;
    const kind = PNG_KINDS[type];
    // PNG lengths are at most 2^31 - 1; one past the end of the file is a truncation (or a lie).
    if (end > bytes.length || length > 0x7fffffff) {
      if (kind) {
        throw malformed(
          `the ${type} chunk at byte ${offset} declares ${length} bytes but ${bytes.length - offset - 12} remain`,
        );
      }
      break; // the decoder reports a truncated image itself (CORRUPT)
    }
    if (kind) add(size, kind, length);
    offset = end;
  }
  return size;
}

/** What libvips read from the header of other formats (WebP, AVIF, TIFF, GIF). */
export function headerMetadataSize(header: ImageHeader): MetadataSize {
  const size: MetadataSize = { bytes: 0, kinds: new Map() };
  const blocks: [string, Buffer | undefined][] = [
    ['EXIF', header.exif],
    ['XMP', header.xmp],
    ['ICC profile', header.icc],
    ['IPTC', header.iptc],
    ['Photoshop', header.tifftagPhotoshop],
  ];
  for (const [kind, block] of blocks) if (block?.length) add(size, kind, block.length);
  return size;
}

/** "7.1 MB", "14 kB", "512 bytes", in units of 1024 as docs/CONFIGURATION.md gives the limit. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${bytes} bytes`;
}

const describeKinds = (size: MetadataSize) =>
  [...size.kinds]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([kind, bytes]) => `${kind} ${formatBytes(bytes)}`)
    .join(', ');

/**
 * Refuses more metadata than `maxBytes`; otherwise returns the warnings to keep: none, or one
 * saying that a large block was dropped.
 */
export function checkMetadataSize(size: MetadataSize, maxBytes: number): string[] {
  if (size.bytes > maxBytes) {
    throw new UnprocessableImageError(
      'METADATA_TOO_LARGE',
      `metadata totals ${formatBytes(size.bytes)} (${describeKinds(size)}); the limit is ${formatBytes(maxBytes)}`,
    );
  }
  if (size.bytes <= LARGE_METADATA_BYTES) return [];
  return [
    `metadata of ${formatBytes(size.bytes)} (${describeKinds(size)}) was dropped: variants never carry metadata`,
  ];
}

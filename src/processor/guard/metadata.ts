import { UnprocessableImageError } from '../../model/failure.js';
import type { ImageFormat } from '../../model/formats.js';

/** Refuses metadata segments (EXIF, XMP, ICC, comments…) larger in total than the limit. */
export function checkMetadataSize(bytes: Buffer, format: ImageFormat, maxBytes: number): void {
  const metadata =
    format === 'jpeg' ? jpegMetadataBytes(bytes) : format === 'png' ? pngMetadataBytes(bytes) : 0;
  if (metadata > maxBytes) {
    throw new UnprocessableImageError(
      'METADATA_TOO_LARGE',
      `metadata segments total ${metadata} bytes; the limit is ${maxBytes}`,
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

import { readHeader, type ImageHeader } from '../../imaging/header.js';
import type { ImageFormat } from '../../model/formats.js';
import { checkDimensions, primaryOnly } from './dimensions.js';
import { declaredMismatch, recogniseFormat } from './format.js';
import { checkNoMarkup } from './markup.js';
import {
  checkMetadataSize,
  headerMetadataSize,
  measureMetadata,
  type MetadataSize,
} from './metadata.js';
import { checkNotEmpty, checkSize } from './size.js';
import { checkSvg } from './svg.js';

/**
 * Every refusal of an upload, before any pixel is decoded: things a decoder would happily accept
 * but an image service should not. Each throws UnprocessableImageError naming what was found.
 */

export interface GuardLimits {
  maxBytes: number;
  allowSvg: boolean;
  /** More metadata than this is refused; less is dropped from the variants, as all metadata is. */
  maxMetadataBytes: number;
  maxPixels: number;
  maxFrames?: number | undefined;
}

export interface GuardedUpload {
  format: ImageFormat | 'svg';
  /**
   * Things worth knowing that did not stop processing: a declared type that was not the real one,
   * a large metadata block that was dropped. Later steps add theirs (a damaged image, say).
   */
  warnings: string[];
  header: ImageHeader;
}

export { checkSize };

/**
 * Checks the bytes in order: size, format, markup or SVG content, metadata (JPEG and PNG from
 * their bytes, before libvips reads it), then the header (and the metadata libvips read of other
 * formats).
 */
export async function guardUpload(
  input: Buffer,
  declaredType: string,
  limits: GuardLimits,
): Promise<GuardedUpload> {
  checkNotEmpty(input);
  checkSize(input.length, limits.maxBytes);
  const format = recogniseFormat(input, declaredType, limits.allowSvg);
  const warnings = declaredMismatch(declaredType, format);
  let metadata: MetadataSize | undefined;
  if (format === 'svg') {
    checkSvg(input);
  } else {
    checkNoMarkup(input);
    metadata = measureMetadata(input, format);
    if (metadata) warnings.push(...checkMetadataSize(metadata, limits.maxMetadataBytes));
  }
  const header = await readHeader(input);
  checkDimensions(header, { ...limits, stills: format === 'heic' });
  if (format === 'heic') warnings.push(...primaryOnly(header));
  if (format !== 'svg' && !metadata) {
    warnings.push(...checkMetadataSize(headerMetadataSize(header), limits.maxMetadataBytes));
  }
  return { format, warnings, header };
}

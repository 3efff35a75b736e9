import { readHeader, type ImageHeader } from '../../imaging/header.js';
import type { ImageFormat } from '../../model/formats.js';
import { checkDimensions } from './dimensions.js';
import { recogniseFormat } from './format.js';
import { checkNoMarkup } from './markup.js';
import { checkMetadataSize } from './metadata.js';
import { checkNotEmpty, checkSize } from './size.js';
import { checkSvg } from './svg.js';

/**
 * Every refusal of an upload, before any pixel is decoded: things a decoder would happily accept
 * but an image service should not. Each throws UnprocessableImageError naming what was found.
 */

export interface GuardLimits {
  maxBytes: number;
  allowSvg: boolean;
  maxMetadataBytes: number;
  maxPixels: number;
  maxFrames?: number | undefined;
}

export interface GuardedUpload {
  format: ImageFormat | 'svg';
  /** Things worth knowing that did not stop processing (a declared type that was not the real one). */
  warnings: string[];
  header: ImageHeader;
}

export { checkSize };

/** Checks the bytes in order: size, format, markup or SVG content, metadata, then the header. */
export async function guardUpload(
  input: Buffer,
  declaredType: string,
  limits: GuardLimits,
): Promise<GuardedUpload> {
  checkNotEmpty(input);
  checkSize(input.length, limits.maxBytes);
  const { format, warnings } = recogniseFormat(input, declaredType, limits.allowSvg);
  if (format === 'svg') {
    checkSvg(input);
  } else {
    checkNoMarkup(input);
    checkMetadataSize(input, format, limits.maxMetadataBytes);
  }
  const header = await readHeader(input);
  checkDimensions(header, limits);
  return { format, warnings, header };
}

import { UnprocessableImageError } from '../../model/failure.js';
import {
  ACCEPTED_CONTENT_TYPES,
  contentTypeOf,
  heifBrandsWithoutAvif,
  looksLikeSvg,
  sniffImageFormat,
  SVG_CONTENT_TYPE,
  type ImageFormat,
} from '../../model/formats.js';
import { unacceptedByBytes } from '../../model/unaccepted-formats.js';

const ACCEPTED_NAMES = Object.values(ACCEPTED_CONTENT_TYPES)
  .map((f) => f.toUpperCase())
  .join(', ');

/** Why bytes that are none of the accepted formats are refused: by name where they are known. */
function refusal(input: Buffer, declaredType: string, svg: boolean, allowSvg: boolean): string {
  if (svg) return 'not a supported image: SVG uploads are disabled (ALLOW_SVG)';
  const known = unacceptedByBytes(input);
  if (known) {
    return `not a supported image: the bytes are ${known.name} (declared ${declaredType}). ${known.advice(allowSvg)}`;
  }
  const heif = heifBrandsWithoutAvif(input);
  if (heif) {
    return `not a supported image: HEIC/HEIF (brands ${heif.join(', ')}) is not accepted yet; the accepted formats are ${ACCEPTED_NAMES}`;
  }
  return `not a supported image: the bytes are not ${ACCEPTED_NAMES} (declared ${declaredType})`;
}

/**
 * What the bytes really are, from their magic numbers; never the declared type or the file name.
 * A mismatch with the declared type is kept as a warning.
 */
export function recogniseFormat(
  input: Buffer,
  declaredType: string,
  allowSvg: boolean,
): { format: ImageFormat | 'svg'; warnings: string[] } {
  const svg = looksLikeSvg(input);
  const format = sniffImageFormat(input) ?? (svg && allowSvg ? 'svg' : undefined);
  if (!format)
    throw new UnprocessableImageError('NOT_AN_IMAGE', refusal(input, declaredType, svg, allowSvg));
  const realType = format === 'svg' ? SVG_CONTENT_TYPE : contentTypeOf(format);
  const warnings =
    realType === declaredType ? [] : [`declared ${declaredType} but the bytes are ${realType}`];
  return { format, warnings };
}

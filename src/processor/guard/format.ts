import { UnprocessableImageError } from '../../model/failure.js';
import {
  ACCEPTED_CONTENT_TYPES,
  contentTypeOf,
  isAcceptedContentType,
  looksLikeSvg,
  SVG_CONTENT_TYPE,
  type ImageFormat,
} from '../../model/formats.js';
import { heifPrimaryCodecs } from '../../model/heif-items.js';
import { isoBrands, sniffImageFormat } from '../../model/sniff.js';
import { unacceptedByBytes } from '../../model/unaccepted-formats.js';

const ACCEPTED_NAMES = [...new Set(Object.values(ACCEPTED_CONTENT_TYPES))]
  .map((f) => f.toUpperCase())
  .join(', ');

/** Why bytes that are none of the accepted formats are refused: by name where they are known. */
function refusal(input: Buffer, declaredType: string, svg: boolean, allowSvg: boolean): string {
  if (svg) return 'not a supported image: SVG uploads are disabled (ALLOW_SVG)';
  const known = unacceptedByBytes(input);
  if (known) {
    return `not a supported image: the bytes are ${known.name} (declared ${declaredType}). ${known.advice(allowSvg)}`;
  }
  const codecs = isoBrands(input) && heifPrimaryCodecs(input);
  if (codecs) {
    return `not a supported image: a HEIF whose image is coded as ${codecs.join(' and ')} (declared ${declaredType}); Darkroom reads HEIF coded with HEVC (HEIC) or AV1 (AVIF): convert it to one of those, or to JPEG or PNG`;
  }
  return `not a supported image: the bytes are not ${ACCEPTED_NAMES} (declared ${declaredType})`;
}

/** What the bytes are, from their magic numbers; never the declared type or the file name. */
export function recogniseFormat(
  input: Buffer,
  declaredType: string,
  allowSvg: boolean,
): ImageFormat | 'svg' {
  const svg = looksLikeSvg(input);
  const format = sniffImageFormat(input) ?? (svg && allowSvg ? 'svg' : undefined);
  if (!format)
    throw new UnprocessableImageError('NOT_AN_IMAGE', refusal(input, declaredType, svg, allowSvg));
  return format;
}

/** A declared type that is not what the bytes are, as a warning (image/heif for a HEIC is). */
export function declaredMismatch(declaredType: string, format: ImageFormat | 'svg'): string[] {
  const declared = isAcceptedContentType(declaredType)
    ? ACCEPTED_CONTENT_TYPES[declaredType]
    : undefined;
  if (format === 'svg' ? declaredType === SVG_CONTENT_TYPE : declared === format) return [];
  const realType = format === 'svg' ? SVG_CONTENT_TYPE : contentTypeOf(format);
  return [`declared ${declaredType} but the bytes are ${realType}`];
}

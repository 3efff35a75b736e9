import sharp, { type Metadata } from 'sharp';
import { UnprocessableImageError } from '../model/failure.js';

/** libvips repeats its warnings line by line; one of each reads better in an error field. */
export const describe = (error: unknown) =>
  [...new Set((error instanceof Error ? error.message : String(error)).split('\n'))]
    .map((line) => line.trim())
    .filter(Boolean)
    .join('; ');

/** The image's header: format, dimensions (also after EXIF orientation), frames. */
export type ImageHeader = Metadata;

/**
 * Reads the header. It decodes no pixels, so it may run unbounded and let the caller name the
 * real size before any decode.
 */
export async function readHeader(input: Buffer): Promise<ImageHeader> {
  try {
    return await sharp(input, { limitInputPixels: false, autoOrient: true }).metadata();
  } catch (error) {
    throw new UnprocessableImageError('CORRUPT', `not a decodable image: ${describe(error)}`, {
      cause: error,
    });
  }
}

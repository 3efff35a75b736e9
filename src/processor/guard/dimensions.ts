import type { ImageHeader } from '../../imaging/header.js';
import { UnprocessableImageError } from '../../model/failure.js';

const megapixels = (pixels: number) => `${(pixels / 1e6).toFixed(pixels < 1e7 ? 1 : 0)} megapixels`;

/** Refuses, from the header alone, images too large to decode: decompression bombs cost nothing. */
export function checkDimensions(
  header: ImageHeader,
  limits: { maxPixels: number; maxFrames?: number | undefined },
): void {
  const pixels = header.width * header.height;
  if (pixels > limits.maxPixels) {
    throw new UnprocessableImageError(
      'TOO_MANY_PIXELS',
      `image is ${header.width}×${header.height} (${megapixels(pixels)}); the limit is ${megapixels(limits.maxPixels)}`,
    );
  }
  if (limits.maxFrames !== undefined && (header.pages ?? 1) > limits.maxFrames) {
    throw new UnprocessableImageError(
      'TOO_MANY_FRAMES',
      `the animation has ${header.pages} frames; the limit is ${limits.maxFrames}`,
    );
  }
}

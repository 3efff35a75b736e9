import type { ImageHeader } from '../../imaging/header.js';
import { UnprocessableImageError } from '../../model/failure.js';

const megapixels = (pixels: number) => `${(pixels / 1e6).toFixed(pixels < 1e7 ? 1 : 0)} megapixels`;

/** Refuses, from the header alone, images too large to decode: decompression bombs cost nothing. */
export function checkDimensions(
  header: ImageHeader,
  limits: { maxPixels: number; maxFrames?: number | undefined; stills?: boolean },
): void {
  const pixels = header.width * header.height;
  if (pixels > limits.maxPixels) {
    throw new UnprocessableImageError(
      'TOO_MANY_PIXELS',
      `image is ${header.width}×${header.height} (${megapixels(pixels)}); the limit is ${megapixels(limits.maxPixels)}`,
    );
  }
  // A HEIC's further images are stills beside the primary one (see primaryOnly), not frames.
  if (!limits.stills && limits.maxFrames !== undefined && (header.pages ?? 1) > limits.maxFrames) {
    throw new UnprocessableImageError(
      'TOO_MANY_FRAMES',
      `the animation has ${header.pages} frames; the limit is ${limits.maxFrames}`,
    );
  }
}

/** A HEIC holding several images (a burst, a Live Photo's still): only the primary one is made. */
export function primaryOnly(header: ImageHeader): string[] {
  const images = header.pages ?? 1;
  return images > 1
    ? [
        `the file holds ${images} images (a burst or a Live Photo's still, say); the primary one is used`,
      ]
    : [];
}

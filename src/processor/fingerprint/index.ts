import { rgbaToThumbHash } from 'thumbhash';
import type { DecodedImage } from '../../imaging/decode.js';
import { sharpOf } from '../../imaging/effects.js';
import { dominantColor } from './dominant-color.js';
import { PHASH_INPUT_SIDE, perceptualHash } from '../../model/phash.js';

/** What a page needs before the image loads, and what finds near-duplicates. */
export interface Fingerprints {
  /** ThumbHash of the image, base64: a blurred placeholder (with aspect ratio and alpha) in ~30 bytes. */
  placeholder: string;
  /** `#rrggbb`; absent only for a fully transparent image. */
  dominantColor?: string;
  /** DCT perceptual hash, 16 hex digits (64 bits). */
  phash: string;
  fingerprintMs: number;
}

/** ThumbHash refuses anything larger; it gains nothing from more pixels either. */
const THUMBHASH_MAX_SIDE = 100;

/**
 * Placeholder, dominant colour and perceptual hash, all from the processor's single decode (the
 * working copy already in memory): two tiny resizes, no second decode of the original.
 */
export async function fingerprint(decoded: DecodedImage): Promise<Fingerprints> {
  const started = performance.now();
  const working = () => sharpOf(decoded.working);

  const [small, grey] = await Promise.all([
    // Within 100×100 keeping the aspect ratio, which ThumbHash encodes. Grey and grey+alpha
    // working copies become RGBA here as well.
    working()
      .resize(THUMBHASH_MAX_SIDE, THUMBHASH_MAX_SIDE, { fit: 'inside' })
      .toColourspace('srgb')
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true }),
    // Transparent areas count as white, as in the analysis image, so the hash does not depend on
    // whatever colour they hide.
    working()
      .flatten({ background: '#ffffff' })
      .resize(PHASH_INPUT_SIDE, PHASH_INPUT_SIDE, { fit: 'fill' })
      .greyscale()
      .extractChannel(0)
      .raw()
      .toBuffer(),
  ]);
  const thumbHash = rgbaToThumbHash(small.info.width, small.info.height, small.data);
  const colour = dominantColor(small.data);
  return {
    placeholder: Buffer.from(thumbHash).toString('base64'),
    ...(colour ? { dominantColor: colour } : {}),
    phash: perceptualHash(grey),
    fingerprintMs: Math.round(performance.now() - started),
  };
}

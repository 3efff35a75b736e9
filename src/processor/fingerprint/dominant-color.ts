/**
 * The most common colour of an image, as `#rrggbb`: what a page can paint behind an image while
 * it loads. Pure arithmetic over a small RGBA copy.
 *
 * Like sharp's `stats().dominant`, pixels are counted in a 16×16×16 histogram of sRGB values, but
 * each pixel counts by its opacity (sharp drops alpha, so the hidden colour of transparent areas
 * would win), and the answer is the mean of the winning bin's pixels rather than the bin's centre
 * (a pure red image is #ff0000, not #f80808).
 */

const LEVELS = 16;
const SHIFT = 4; // 256 / LEVELS = 2^4

const hex = (value: number) => Math.round(value).toString(16).padStart(2, '0');

/**
 * `rgba` is 4 bytes per pixel, not premultiplied. A fully transparent image has no colour to
 * speak of: the answer is then undefined.
 */
export function dominantColor(rgba: ArrayLike<number>): string | undefined {
  if (rgba.length % 4 !== 0) throw new RangeError('dominantColor needs 4 channels per pixel');
  const weight = new Float64Array(LEVELS ** 3);
  const sums = new Float64Array(LEVELS ** 3 * 3);
  for (let i = 0; i < rgba.length; i += 4) {
    const alpha = rgba[i + 3]! / 255;
    if (alpha === 0) continue;
    const r = rgba[i]!;
    const g = rgba[i + 1]!;
    const b = rgba[i + 2]!;
    const bin = ((r >> SHIFT) * LEVELS + (g >> SHIFT)) * LEVELS + (b >> SHIFT);
    weight[bin]! += alpha;
    sums[bin * 3]! += r * alpha;
    sums[bin * 3 + 1]! += g * alpha;
    sums[bin * 3 + 2]! += b * alpha;
  }
  let best = -1;
  for (let bin = 0; bin < weight.length; bin++) {
    if (weight[bin]! > 0 && (best < 0 || weight[bin]! > weight[best]!)) best = bin;
  }
  if (best < 0) return undefined;
  const w = weight[best]!;
  return `#${hex(sums[best * 3]! / w)}${hex(sums[best * 3 + 1]! / w)}${hex(sums[best * 3 + 2]! / w)}`;
}

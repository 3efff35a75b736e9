/**
 * The DCT perceptual hash (pHash): 64 bits that change little when an image is resized,
 * recompressed or slightly recoloured, and a lot when the picture is different. Pure arithmetic,
 * no sharp, so the API can compare hashes without carrying the image library.
 *
 * The hash of a 32×32 greyscale image: its 2-D DCT-II, the 8×8 lowest frequencies, one bit per
 * coefficient set when it is above their median (the classic construction, as in pHash and
 * Python's imagehash). Two images are near-duplicates when few bits differ (Hamming distance).
 */

/** Side of the greyscale image the hash is computed from. */
export const PHASH_INPUT_SIDE = 32;
/** Side of the low-frequency block kept: 8×8 = 64 bits. */
const BLOCK = 8;
/** Bits in a hash, and so the largest possible distance. */
export const PHASH_BITS = BLOCK * BLOCK;
/** 64 bits as 16 lowercase hex digits. */
export const PHASH_PATTERN = /^[0-9a-f]{16}$/;

/** cos((2x + 1)uπ / 2N) for the N-point DCT-II, rows u < BLOCK only (the rest are never used). */
const COSINES: Float64Array = (() => {
  const n = PHASH_INPUT_SIDE;
  const table = new Float64Array(BLOCK * n);
  for (let u = 0; u < BLOCK; u++) {
    for (let x = 0; x < n; x++) table[u * n + x] = Math.cos(((2 * x + 1) * u * Math.PI) / (2 * n));
  }
  return table;
})();

/**
 * The hash of 32×32 8-bit greyscale pixels, row by row, as 16 hex digits.
 * Throws when the buffer is not exactly 32×32 bytes: a wrong size is a programming error.
 */
export function perceptualHash(grey: ArrayLike<number>): string {
  const n = PHASH_INPUT_SIDE;
  if (grey.length !== n * n) {
    throw new RangeError(`perceptualHash needs ${n}×${n} grey pixels; got ${grey.length} values`);
  }
  // Separable DCT, computing only the low frequencies: first along rows (u < 8 for each of the
  // 32 rows), then down the columns of that 32×8 result (v < 8). Only the coefficients' order
  // against their median matters, so the orthonormal scale is kept only as the ratio between the
  // zero-frequency terms and the rest (1/√2).
  const rows = new Float64Array(n * BLOCK);
  for (let y = 0; y < n; y++) {
    for (let u = 0; u < BLOCK; u++) {
      let sum = 0;
      for (let x = 0; x < n; x++) sum += grey[y * n + x]! * COSINES[u * n + x]!;
      rows[y * BLOCK + u] = sum * (u === 0 ? Math.SQRT1_2 : 1);
    }
  }
  const coefficients = new Float64Array(PHASH_BITS);
  for (let v = 0; v < BLOCK; v++) {
    for (let u = 0; u < BLOCK; u++) {
      let sum = 0;
      for (let y = 0; y < n; y++) sum += rows[y * BLOCK + u]! * COSINES[v * n + y]!;
      coefficients[v * BLOCK + u] = sum * (v === 0 ? Math.SQRT1_2 : 1);
    }
  }
  const sorted = Float64Array.from(coefficients).sort();
  const median = (sorted[PHASH_BITS / 2 - 1]! + sorted[PHASH_BITS / 2]!) / 2;

  let hex = '';
  for (let nibble = 0; nibble < PHASH_BITS / 4; nibble++) {
    let value = 0;
    for (let bit = 0; bit < 4; bit++) {
      value = (value << 1) | (coefficients[nibble * 4 + bit]! > median ? 1 : 0);
    }
    hex += value.toString(16);
  }
  return hex;
}

const POPCOUNT = [0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4];

/** How many of the 64 bits differ between two hashes: 0 for the same picture, ~32 for unrelated ones. */
export function hammingDistance(a: string, b: string): number {
  if (!PHASH_PATTERN.test(a) || !PHASH_PATTERN.test(b)) {
    throw new RangeError(`not perceptual hashes: "${a}", "${b}"`);
  }
  let distance = 0;
  for (let i = 0; i < a.length; i++) {
    distance += POPCOUNT[parseInt(a[i]!, 16) ^ parseInt(b[i]!, 16)]!;
  }
  return distance;
}

/**
 * The hashes within `maxDistance` bits of `hash`, each with its distance: nearest first, the
 * newest among equals (`createdAt` ISO strings), leaving out the image `exceptId` itself.
 */
export function nearHashes<T extends { id: string; phash: string; createdAt: string }>(
  hash: string,
  candidates: readonly T[],
  maxDistance: number,
  exceptId: string,
): (T & { distance: number })[] {
  return candidates
    .filter((candidate) => candidate.id !== exceptId)
    .map((candidate) => ({ ...candidate, distance: hammingDistance(hash, candidate.phash) }))
    .filter((candidate) => candidate.distance <= maxDistance)
    .sort((a, b) => a.distance - b.distance || b.createdAt.localeCompare(a.createdAt));
}

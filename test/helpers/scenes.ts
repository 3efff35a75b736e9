import sharp from 'sharp';

/**
 * Structurally different test pictures, generated in the test (no fixture files), so that
 * "different photos" in perceptual-hash tests really differ in layout, not just in colour.
 */
export type Scene = 'blobs' | 'rings' | 'clouds';

/** Deterministic pseudo-random numbers (mulberry32), so every run draws the same picture. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pixelAt(scene: Scene, seed: number) {
  const rand = random(seed);
  switch (scene) {
    case 'blobs': {
      const blobs = Array.from({ length: 7 }, () => ({
        x: rand(),
        y: rand(),
        r: 0.08 + rand() * 0.2,
        rgb: [rand() * 255, rand() * 255, rand() * 255],
      }));
      return (x: number, y: number) => {
        const hit = blobs.findLast((b) => (x - b.x) ** 2 + (y - b.y) ** 2 < b.r ** 2);
        return hit ? hit.rgb : [30, 40, 60];
      };
    }
    case 'rings': {
      const cx = 0.3 + rand() * 0.4;
      const cy = 0.3 + rand() * 0.4;
      return (x: number, y: number) => {
        const d = Math.hypot(x - cx, y - cy);
        const v = 127 + 127 * Math.sin(d * 15);
        return [v, 255 - v, 100];
      };
    }
    case 'clouds': {
      // Value noise on a 6×6 grid, bilinearly smoothed: soft light and dark patches.
      const grid = Array.from({ length: 49 }, () => rand());
      return (x: number, y: number) => {
        const gx = x * 6;
        const gy = y * 6;
        const ix = Math.min(5, Math.floor(gx));
        const iy = Math.min(5, Math.floor(gy));
        const fx = gx - ix;
        const fy = gy - iy;
        const at = (i: number, j: number) => grid[j * 7 + i]!;
        const v =
          at(ix, iy) * (1 - fx) * (1 - fy) +
          at(ix + 1, iy) * fx * (1 - fy) +
          at(ix, iy + 1) * (1 - fx) * fy +
          at(ix + 1, iy + 1) * fx * fy;
        return [v * 200 + 40, v * 220 + 30, 255 - v * 120];
      };
    }
  }
}

export async function makeScene(
  scene: Scene,
  width: number,
  height: number,
  format: 'jpeg' | 'png' | 'webp',
  seed = 1,
): Promise<Buffer> {
  const colour = pixelAt(scene, seed);
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = colour(x / width, y / height);
      const i = (y * width + x) * 3;
      pixels[i] = r!;
      pixels[i + 1] = g!;
      pixels[i + 2] = b!;
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .toFormat(format)
    .toBuffer();
}

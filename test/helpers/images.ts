import sharp from 'sharp';

/**
 * A test image with structure (a gradient and a bright square off-centre), so encoders and
 * orientation have something to preserve. Generated in the test; no fixture files.
 */
export async function makeImage(
  width: number,
  height: number,
  format: 'jpeg' | 'png' | 'webp' | 'gif' | 'avif' | 'tiff',
  options: { alpha?: boolean; orientation?: number } = {},
): Promise<Buffer> {
  const channels = options.alpha ? 4 : 3;
  const pixels = Buffer.alloc(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * channels;
      // A red marker in the top-left quarter tells orientation apart after rotation.
      const marker = x < width / 4 && y < height / 4;
      pixels[i] = marker ? 255 : Math.round((x / width) * 255);
      pixels[i + 1] = marker ? 0 : Math.round((y / height) * 255);
      pixels[i + 2] = marker ? 0 : 128;
      if (options.alpha) pixels[i + 3] = x < width / 2 ? 255 : 0;
    }
  }
  let image = sharp(pixels, { raw: { width, height, channels } });
  if (options.orientation) image = image.withMetadata({ orientation: options.orientation });
  return image.toFormat(format).toBuffer();
}

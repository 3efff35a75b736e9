/**
 * scikit-image's sample photographs, as Debian ships them (see scripts/fetch-sample-photos.sh),
 * turned into analysis images the way the processor makes them: 8-bit sRGB, 3 channels, on
 * white, longest side at most 1600 px, plus the matching JPEG.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import type { AnalysisImage } from '../../src/processor/analysis/analyzer.js';

export const PHOTOS_DIR =
  process.env.SAMPLE_PHOTOS_DIR ??
  fileURLToPath(new URL('../../.cache/sample-photos/', import.meta.url));

export const PHOTOS = ['astronaut', 'camera', 'chelsea', 'coffee'] as const;
export type Photo = (typeof PHOTOS)[number];

export const missingPhotos = () =>
  PHOTOS.filter((name) => !existsSync(join(PHOTOS_DIR, `${name}.png`)));

export const FETCH_HINT =
  'sample photos missing: run `apt-get update && bash scripts/fetch-sample-photos.sh` (downloads python3-skimage, installs nothing)';

export async function analysisImageOf(name: Photo, longestSide = 1600): Promise<AnalysisImage> {
  const { data, info } = await sharp(join(PHOTOS_DIR, `${name}.png`))
    .resize(longestSide, longestSide, { fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new Error(`${name}: expected 3 channels, got ${info.channels}`);
  const jpeg = await sharp(data, { raw: { width: info.width, height: info.height, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();
  return { jpeg, rgb: data, width: info.width, height: info.height };
}

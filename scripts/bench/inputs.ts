import { execFileSync, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { readdir, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { createDeflate, crc32 } from 'node:zlib';
import sharp from 'sharp';
import { ROOT } from './drivers.js';

/**
 * The benchmark's inputs: real photographs fetched from Debian packages by
 * scripts/fetch-bench-photos.sh, and two generated files, a 50-megapixel JPEG (a real photo scaled
 * up) and a decompression bomb. Generated files are kept in .cache/bench-inputs.
 */

export const PHOTOS_DIR = process.env.BENCH_PHOTOS_DIR ?? join(ROOT, '.cache', 'bench-photos');
const GENERATED_DIR = join(ROOT, '.cache', 'bench-inputs');
const FETCH_SCRIPT = join(ROOT, 'scripts', 'fetch-bench-photos.sh');

/** The floor: at least this many photos of at least 2 megapixels. */
export const MIN_PHOTOS = 12;
export const MIN_MEGAPIXELS = 2;

const PACKAGES: Record<string, string> = {
  plasma: 'plasma-workspace-wallpapers',
  mate: 'mate-backgrounds',
  skimage: 'python3-skimage',
  sklearn: 'python3-sklearn',
};

export interface Photo {
  path: string;
  name: string;
  /** The Debian package it came from. */
  source: string;
  width: number;
  height: number;
  megapixels: number;
  bytes: number;
  format: string;
}

export interface Photos {
  /** At least 2 megapixels: the figures are measured on these. */
  large: Photo[];
  /** Smaller sample photos (scikit-image, scikit-learn, a few wallpapers): a side table only. */
  small: Photo[];
}

async function readPhotos(): Promise<Photos> {
  const names = existsSync(PHOTOS_DIR)
    ? (await readdir(PHOTOS_DIR)).filter((n) => /\.(jpe?g|png|webp)$/i.test(n)).sort()
    : [];
  const photos = await Promise.all(
    names.map(async (name): Promise<Photo> => {
      const path = join(PHOTOS_DIR, name);
      const { width, height, format, autoOrient } = await sharp(path).metadata();
      return {
        path,
        name,
        source: PACKAGES[name.split('-')[0]!] ?? 'unknown',
        width: autoOrient.width,
        height: autoOrient.height,
        megapixels: (width * height) / 1e6,
        bytes: (await stat(path)).size,
        format,
      };
    }),
  );
  return {
    large: photos.filter((p) => p.megapixels >= MIN_MEGAPIXELS),
    small: photos.filter((p) => p.megapixels < MIN_MEGAPIXELS),
  };
}

/** The photos, fetching them first (apt-get download + dpkg-deb -x) when too few are there. */
export async function loadPhotos(): Promise<Photos> {
  let photos = await readPhotos();
  if (photos.large.length < MIN_PHOTOS) {
    console.log(`Fewer than ${MIN_PHOTOS} photos in ${PHOTOS_DIR}: running ${FETCH_SCRIPT}`);
    const fetched = spawnSync('bash', [FETCH_SCRIPT], { stdio: 'inherit', cwd: ROOT });
    if (fetched.status !== 0) throw new Error(`${FETCH_SCRIPT} failed (exit ${fetched.status})`);
    photos = await readPhotos();
  }
  if (photos.large.length < MIN_PHOTOS) {
    throw new Error(
      `only ${photos.large.length} photos of ${MIN_MEGAPIXELS}+ megapixels in ${PHOTOS_DIR}`,
    );
  }
  return photos;
}

export interface GeneratedInput {
  path: string;
  width: number;
  height: number;
  bytes: number;
  /** How it was made, for the report. */
  description: string;
}

/** The largest fetched photo (by megapixels, then name): what the generated inputs are made from. */
const largestPhoto = (photos: Photo[]) =>
  [...photos].sort((a, b) => b.megapixels - a.megapixels || a.name.localeCompare(b.name))[0]!;

const BIG = { width: 8688, height: 5792 }; // 50.3 MP, a 50-megapixel camera's 3:2 frame

/**
 * A 50-megapixel JPEG. No photo that size ships in Debian, so the largest fetched photo is scaled
 * up (Lanczos) and given film-like grain: without it the upscale is so smooth that it compresses
 * to a fifth of a real 50 MP photo's file, and JPEG decoding time follows the entropy-coded data.
 * With it the file is about 15 MB, as a camera's quality-90 JPEG of that size is.
 */
export async function bigJpeg(photos: Photo[]): Promise<GeneratedInput> {
  const from = largestPhoto(photos);
  const path = join(GENERATED_DIR, `50mp-${from.name.replace(/\.[^.]+$/, '')}.jpg`);
  if (!existsSync(path)) {
    mkdirSync(GENERATED_DIR, { recursive: true });
    const raw = { width: BIG.width, height: BIG.height, channels: 3 } as const;
    const [scaled, grain] = await Promise.all([
      sharp(from.path)
        .resize(BIG.width, BIG.height, { fit: 'fill', kernel: 'lanczos3' })
        .removeAlpha()
        .toColourspace('srgb')
        .raw()
        .toBuffer(),
      sharp({
        create: {
          ...raw,
          background: '#808080',
          noise: { type: 'gaussian', mean: 128, sigma: 28 },
        },
      })
        .raw()
        .toBuffer(),
    ]);
    await sharp(scaled, { raw })
      .composite([{ input: grain, raw, blend: 'overlay' }])
      .jpeg({ quality: 90 })
      .toFile(`${path}.tmp`);
    await rename(`${path}.tmp`, path);
  }
  return {
    path,
    ...BIG,
    bytes: (await stat(path)).size,
    description: `${from.name} (${from.width}×${from.height}) scaled up to ${BIG.width}×${BIG.height} with grain added, JPEG quality 90`,
  };
}

const BOMB_SIDE = 100_000;

/**
 * A PNG that declares 100000×100000 pixels and carries all of them: 1-bit grey, every row zero,
 * deflated. 1.25 GB of pixel data in about a megabyte, 10^10 pixels once decoded; well under the
 * upload limit, as a real bomb would be.
 */
export async function pixelBomb(): Promise<GeneratedInput> {
  const path = join(GENERATED_DIR, `bomb-${BOMB_SIDE}x${BOMB_SIDE}.png`);
  if (!existsSync(path)) {
    mkdirSync(GENERATED_DIR, { recursive: true });
    await writeBomb(`${path}.tmp`);
    await rename(`${path}.tmp`, path);
  }
  return {
    path,
    width: BOMB_SIDE,
    height: BOMB_SIDE,
    bytes: (await stat(path)).size,
    description: `PNG, ${BOMB_SIDE}×${BOMB_SIDE} 1-bit grey, every row present (zeros), deflated`,
  };
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))), 0);
  return Buffer.concat([head, data, crc]);
}

async function writeBomb(path: string): Promise<void> {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(BOMB_SIDE, 0);
  ihdr.writeUInt32BE(BOMB_SIDE, 4);
  ihdr.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale, deflate, no filter, no interlace
  const compressed: Buffer[] = [];
  const deflate = createDeflate({ level: 9 });
  deflate.on('data', (data: Buffer) => compressed.push(data));
  const row = Buffer.alloc(1 + BOMB_SIDE / 8); // filter byte 0, then the row's bits
  for (let y = 0; y < BOMB_SIDE; y++) {
    if (!deflate.write(row)) await once(deflate, 'drain');
  }
  deflate.end();
  await once(deflate, 'end');
  const idat = Buffer.concat(compressed);
  const out = createWriteStream(path);
  out.write(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  out.write(chunk('IHDR', ihdr));
  for (let at = 0; at < idat.length; at += 1 << 20) {
    out.write(chunk('IDAT', idat.subarray(at, at + (1 << 20))));
  }
  out.end(chunk('IEND', Buffer.alloc(0)));
  await once(out, 'finish');
}

const PHONE = { width: 4032, height: 3024 }; // 12.2 MP, an iPhone's main camera

/**
 * The same 12-megapixel picture as a JPEG (quality 90) and as a HEIC (heif-enc, x265 quality 80,
 * about what a phone writes): the largest fetched photo scaled to an iPhone's frame. Undefined
 * when heif-enc (Debian's libheif-examples) is not installed.
 */
export async function phonePair(
  photos: Photo[],
): Promise<{ jpeg: GeneratedInput; heic: GeneratedInput } | undefined> {
  if (spawnSync('heif-enc', ['--version']).error) return undefined;
  const from = largestPhoto(photos);
  const base = join(GENERATED_DIR, `12mp-${from.name.replace(/\.[^.]+$/, '')}`);
  const [jpeg, heic] = [`${base}.jpg`, `${base}.heic`];
  if (!existsSync(jpeg) || !existsSync(heic)) {
    mkdirSync(GENERATED_DIR, { recursive: true });
    await sharp(from.path)
      .resize(PHONE.width, PHONE.height, { fit: 'cover', kernel: 'lanczos3' })
      .removeAlpha()
      .toColourspace('srgb')
      .jpeg({ quality: 90 })
      .toFile(`${jpeg}.tmp`);
    await rename(`${jpeg}.tmp`, jpeg);
    execFileSync('heif-enc', ['-q', '80', '-o', `${heic}.tmp`, jpeg], { stdio: 'pipe' });
    await rename(`${heic}.tmp`, heic);
  }
  const made = `${from.name} (${from.width}×${from.height}) scaled to ${PHONE.width}×${PHONE.height}`;
  return {
    jpeg: {
      path: jpeg,
      ...PHONE,
      bytes: (await stat(jpeg)).size,
      description: `${made}, JPEG quality 90`,
    },
    heic: {
      path: heic,
      ...PHONE,
      bytes: (await stat(heic)).size,
      description: `the same picture encoded by heif-enc (x265) at quality 80`,
    },
  };
}

/** Reading the images the pages reference, once each, and telling identical ones apart. */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { ImageFormat } from '../../src/model/formats.js';
import { sniffImageFormat } from '../../src/model/sniff.js';

export interface SourceImage {
  /** sha256 of the bytes, hex: identical files share it, whatever their names. */
  hash: string;
  bytes: Buffer;
  format: ImageFormat;
}

export type SourceLoad = { image: SourceImage } | { skip: string };

/** Reads `file` and checks by its bytes (never its name) that it is an image Darkroom takes. */
export async function loadSource(file: string): Promise<SourceLoad> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { skip: 'file not found' };
    if (code === 'EISDIR') return { skip: 'a folder, not a file' };
    return { skip: `cannot read: ${(error as Error).message}` };
  }
  const format = sniffImageFormat(bytes);
  // SVG, ICO and the like stay as they are: Darkroom makes raster variants of raster images.
  if (!format) return { skip: 'not a JPEG, PNG, WebP, GIF, AVIF, TIFF or HEIC image' };
  return { image: { hash: createHash('sha256').update(bytes).digest('hex'), bytes, format } };
}

/** Loads each path once, however many tags name it. */
export function sourceLoader(): (file: string) => Promise<SourceLoad> {
  const loads = new Map<string, Promise<SourceLoad>>();
  return (file) => {
    let load = loads.get(file);
    if (!load) loads.set(file, (load = loadSource(file)));
    return load;
  };
}

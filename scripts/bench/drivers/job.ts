import type { OutputSpec } from '../../../src/presets/types.js';

/**
 * What the orchestrator hands a driver (as a JSON file named by its first argument) and what the
 * driver prints back (one JSON line). Drivers run in their own process so that each one's peak
 * memory is its own.
 */

/** One output, as every contender makes it: the default preset's geometry and formats. */
export interface BenchOutput {
  name: string;
  width?: number;
  height?: number;
  fit: 'cover' | 'inside';
  formats: ('jpeg' | 'webp')[];
  quality: number;
  /** Cover only: crop to the most interesting region (libvips' attention), else the centre. */
  smartCrop: boolean;
}

export interface ImagesJob {
  files: string[];
  outputs: BenchOutput[];
  /** Where to write `<stem>-<name>.<jpg|webp>`; omitted: encode only. */
  outDir?: string;
  maxPixels: number;
  /** sharp.concurrency() for the run; omitted: sharp's default. */
  sharpConcurrency?: number;
  /** Images in flight at once (Darkroom driver only); default 1. */
  parallel?: number;
}

export interface ImagesResult {
  /** Time from the first file read to the last output written, start-up and imports excluded. */
  ms: number;
  images: number;
  /** Darkroom only: time spent in the single decode and in making variants, summed over images. */
  decodeMs?: number;
  variantsMs?: number;
  sharpConcurrency?: number;
}

export const EXTENSION = { jpeg: 'jpg', webp: 'webp' } as const;

/** `/x/y/plasma-Path.jpg` → `plasma-Path`. */
export const stem = (file: string): string =>
  file.slice(file.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '');

export const outputFile = (outDir: string, file: string, name: string, format: 'jpeg' | 'webp') =>
  `${outDir}/${stem(file)}-${name}.${EXTENSION[format]}`;

/** Darkroom's own spec for a compared output: the same, with the smart crop as an operation. */
export const toOutputSpec = (o: BenchOutput): OutputSpec => ({
  name: o.name,
  ...(o.width !== undefined ? { width: o.width } : {}),
  ...(o.height !== undefined ? { height: o.height } : {}),
  fit: o.fit,
  formats: o.formats,
  quality: o.quality,
  ...(o.smartCrop ? { operations: [{ op: 'crop', smart: true }] } : {}),
});

import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { shippedPreset } from '../../src/presets/load.js';
import { isSmartCrop, type OutputSpec } from '../../src/presets/types.js';
import type { BenchOutput } from './drivers/job.js';

/**
 * The outputs every contender makes: the default preset's. Only what all five can make is kept
 * (size, fit, JPEG and WebP, quality, the smart crop); anything else is dropped for everyone and
 * named in the report, so Darkroom never does more work than the others.
 */
export interface ComparedOutputs {
  outputs: BenchOutput[];
  /** What of the default preset was left out, for the report. */
  dropped: string[];
}

const DEFAULT_QUALITY = 80;

export function comparedOutputs(
  specs: readonly OutputSpec[] = shippedPreset().outputs,
): ComparedOutputs {
  const dropped: string[] = [];
  const outputs = specs.flatMap((spec): BenchOutput[] => {
    const formats = spec.formats.filter((f): f is 'jpeg' | 'webp' => f === 'jpeg' || f === 'webp');
    for (const f of spec.formats) {
      if (!formats.includes(f as 'jpeg' | 'webp')) dropped.push(`${spec.name}: ${f} output`);
    }
    const operations = spec.operations ?? [];
    for (const op of operations) if (!isSmartCrop(op)) dropped.push(`${spec.name}: ${op.op}`);
    if (formats.length === 0) return [];
    return [
      {
        name: spec.name,
        ...(spec.width !== undefined ? { width: spec.width } : {}),
        ...(spec.height !== undefined ? { height: spec.height } : {}),
        fit: spec.fit,
        formats,
        quality: spec.quality ?? DEFAULT_QUALITY,
        smartCrop: operations.some(isSmartCrop),
      },
    ];
  });
  return { outputs, dropped };
}

export interface OutputFileInfo {
  width: number;
  height: number;
  format: string;
}

/** Every file a run wrote, by name, with its size and format read from its header. */
export async function readOutputs(dir: string): Promise<Map<string, OutputFileInfo>> {
  const files = new Map<string, OutputFileInfo>();
  for (const name of (await readdir(dir)).sort()) {
    const { width, height, format } = await sharp(join(dir, name)).metadata();
    files.set(name, { width, height, format });
  }
  return files;
}

/**
 * Differences between a contender's files and Darkroom's: missing or extra files, a format, or a
 * size off by more than a pixel (each library rounds fractional sizes its own way).
 */
export function compareOutputs(
  reference: Map<string, OutputFileInfo>,
  candidate: Map<string, OutputFileInfo>,
): string[] {
  const problems: string[] = [];
  for (const [name, want] of reference) {
    const got = candidate.get(name);
    if (!got) {
      problems.push(`${name}: missing`);
      continue;
    }
    if (got.format !== want.format) problems.push(`${name}: ${got.format}, not ${want.format}`);
    if (Math.abs(got.width - want.width) > 1 || Math.abs(got.height - want.height) > 1) {
      problems.push(`${name}: ${got.width}×${got.height}, not ${want.width}×${want.height}`);
    }
  }
  for (const name of candidate.keys()) if (!reference.has(name)) problems.push(`${name}: extra`);
  return problems;
}

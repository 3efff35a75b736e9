import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PresetCatalog } from './catalog.js';
import { assetsFrom, parsePresetsFile } from './schema.js';
import { DEFAULT_PRESET_NAME, type Preset } from './types.js';

/**
 * The shipped presets, found from this module in the source tree. The Lambda bundles live
 * elsewhere, so Terraform always sets PRESETS_FILE to the copy `npm run build` puts in each zip.
 */
export const SHIPPED_PRESETS_FILE = fileURLToPath(
  new URL('../../presets/default.json', import.meta.url),
);

/** A presets file that cannot be used; each problem names where in the file it is. */
export class PresetsFileError extends Error {
  constructor(
    readonly path: string,
    readonly problems: string[],
  ) {
    super(`${path}: ${problems.join('; ')}`);
    this.name = 'PresetsFileError';
  }
}

/** Reads and validates a presets file and every file it names (relative paths from the cwd). */
export function readPresetsFile(file: string = SHIPPED_PRESETS_FILE): PresetCatalog {
  const path = resolve(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new PresetsFileError(path, [
      `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    ]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PresetsFileError(path, [`not valid JSON: ${(error as Error).message}`]);
  }
  const parsed = parsePresetsFile(json, assetsFrom(dirname(path)));
  if ('problems' in parsed) throw new PresetsFileError(path, parsed.problems);
  return new PresetCatalog(parsed.presets, path);
}

let shipped: PresetCatalog | undefined;

/** A preset of the shipped file (`default` unless named), read on first use: tests and tools. */
export function shippedPreset(name = DEFAULT_PRESET_NAME): Preset {
  shipped ??= readPresetsFile();
  const preset = shipped.get(name);
  if (!preset) throw new Error(`the shipped presets have no "${name}"`);
  return preset;
}

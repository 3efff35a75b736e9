import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { assetsFrom, parsePresetsFile } from '../processor/preset-schema.js';
import { PresetCatalog } from '../processor/presets.js';
import { ConfigError } from './env.js';

/**
 * The shipped presets, found from this module in the source tree. The Lambda bundles live
 * elsewhere, so Terraform always sets PRESETS_FILE to the copy `npm run build` puts in each zip.
 */
export const SHIPPED_PRESETS_FILE = fileURLToPath(
  new URL('../../presets/default.json', import.meta.url),
);

/** Both the API (names it accepts, the presets query) and the processor (what it renders) read it. */
export const presetsEnv = {
  /** A presets JSON file (relative paths from the working directory); the shipped one by default. */
  PRESETS_FILE: z.string().min(1).optional(),
};

/**
 * Reads and validates a presets file and every file it names. Anything wrong stops start-up with
 * a ConfigError naming PRESETS_FILE, the file, and where in it the problem is.
 */
export function loadPresets(file: string | undefined): PresetCatalog {
  const path = resolve(file ?? SHIPPED_PRESETS_FILE);
  const fail = (problems: string[]) =>
    new ConfigError(problems.map((p) => `PRESETS_FILE (${path}): ${p}`));
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw fail([`cannot read the file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw fail([`not valid JSON: ${(error as Error).message}`]);
  }
  const parsed = parsePresetsFile(json, assetsFrom(dirname(path)));
  if ('problems' in parsed) throw fail(parsed.problems);
  return new PresetCatalog(parsed.presets, path);
}

import * as z from '../model/zod.js';
import type { PresetCatalog } from '../presets/catalog.js';
import { PresetsFileError, readPresetsFile } from '../presets/load.js';
import { ConfigError, doc } from './env.js';

/** Both the API (names it accepts, the presets query) and the processor (what it renders) read it. */
export const presetsEnv = {
  PRESETS_FILE: doc(
    z.optional(z.string().check(z.minLength(1))),
    'A presets JSON file (relative paths from the working directory); the shipped one by default. Read and validated at start-up; on AWS `npm run build` ships the file it names.',
    '`presets/default.json`',
  ),
};

/**
 * The PRESETS_FILE setting, read and validated with every file it names. Anything wrong stops
 * start-up with a ConfigError naming PRESETS_FILE, the file, and where in it the problem is.
 */
export function loadPresets(file: string | undefined): PresetCatalog {
  try {
    return readPresetsFile(file);
  } catch (error) {
    if (!(error instanceof PresetsFileError)) throw error;
    throw new ConfigError(error.problems.map((p) => `PRESETS_FILE (${error.path}): ${p}`));
  }
}

import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/*
 * zod/mini, with the English messages classic zod would give. The settings and the presets file
 * are parsed on every cold start, and mini's functional form lets the bundler leave out the
 * methods no schema here uses: parsing the API's settings costs about a seventh of classic
 * zod's import (docs/BENCHMARKS.md, the API's cold start). Mini ships no messages of its own.
 */
config(en());

// Re-exported name by name (import it as `* as z`): a namespace object exported as a value would
// keep every schema zod has in the bundle; this way esbuild keeps only those used.
export * from 'zod/mini';

/*
 * Every setting of every schema in src/config carries a description: that text is its
 * documentation, and `npm run config:docs` writes the table in docs/CONFIGURATION.md from it.
 */
declare module 'zod/v4/core' {
  interface GlobalMeta {
    /** The default in words, for one that depends on where it runs (e.g. the CPU count). */
    defaultText?: string;
  }
}

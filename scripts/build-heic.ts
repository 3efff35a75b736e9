/**
 * The HEIC decoder in a Lambda zip (src/imaging/heic/): its worker thread is its own entry point,
 * bundled beside handler.mjs as heic-worker.mjs, and libheif-js (libheif and libde265 built for
 * WebAssembly, LGPL-3.0) is copied unmodified into the zip's node_modules: the glue script, the
 * .wasm and the licences, not the package's 2 MB base64 bundles or its 3 MB asm.js build.
 */
import { cpSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** The worker's entry point, and its name beside handler.mjs (decode-heic.ts looks for it). */
export const HEIC_WORKER = {
  in: join(ROOT, 'src/imaging/heic/heic-worker.ts'),
  out: 'heic-worker',
};

/** Left out of the bundle: the worker loads it at run time from node_modules. */
export const HEIC_PACKAGE = 'libheif-js';

const FILES = [
  'package.json',
  'LICENSE',
  'libheif-wasm/libheif.js',
  'libheif-wasm/libheif.wasm',
  'libheif-wasm/LICENSE',
];

/** Copies what the worker loads into `<outDir>/node_modules/libheif-js`; returns its bytes. */
export function copyLibheif(outDir: string): number {
  let bytes = 0;
  for (const file of FILES) {
    const to = join(outDir, 'node_modules', HEIC_PACKAGE, file);
    mkdirSync(dirname(to), { recursive: true });
    cpSync(join(ROOT, 'node_modules', HEIC_PACKAGE, file), to);
    bytes += statSync(to).size;
  }
  return bytes;
}

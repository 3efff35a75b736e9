import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/**
 * Generated files (driver bundles, the API bundle under test). Inside node_modules so that their
 * package imports resolve to the project's node_modules, and linters and git leave them alone.
 */
export const BENCH_CACHE = join(ROOT, 'node_modules', '.cache', 'darkroom-bench');

export type NodeDriver = 'darkroom' | 'sharp-per-output' | 'bomb' | 'api-cold';

/**
 * Bundles the TypeScript drivers into plain ES modules, so that each measured process is a bare
 * `node` running bundled code, as on Lambda: no TypeScript loader in its start-up or its memory.
 */
export async function bundleDrivers(): Promise<Record<NodeDriver, string>> {
  const dir = join(BENCH_CACHE, 'drivers');
  mkdirSync(dir, { recursive: true });
  const names: NodeDriver[] = ['darkroom', 'sharp-per-output', 'bomb', 'api-cold'];
  await build({
    entryPoints: [
      ...names.map((name) => ({
        in: join(ROOT, 'scripts', 'bench', 'drivers', `${name}.ts`),
        out: name,
      })),
      // The HEIC decoder's worker, beside the bundles, where decode-heic.ts looks (as in a zip).
      { in: join(ROOT, 'src', 'imaging', 'heic', 'heic-worker.ts'), out: 'heic-worker' },
    ],
    outdir: dir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  return Object.fromEntries(names.map((name) => [name, join(dir, `${name}.mjs`)])) as Record<
    NodeDriver,
    string
  >;
}

export const PILLOW_DRIVER = join(ROOT, 'scripts', 'bench', 'drivers', 'pillow.py');

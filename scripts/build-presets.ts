/**
 * The presets each Lambda zip carries. `npm run build` ships the file named by PRESETS_FILE in
 * its environment (the shipped presets/default.json when unset), validated exactly as the
 * functions will at start-up (a bad file fails the build), with every file it names copied beside
 * it. Terraform points the functions' PRESETS_FILE at LAMBDA_PRESETS_FILE.
 */
import { copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { loadPresets } from '../src/config/presets.js';
import { assetsOf } from '../src/presets/schema.js';

/** Inside each zip that needs presets (the API and the processor). */
export const ZIP_PRESETS_FILE = 'presets/presets.json';
/** The same file where Lambda unpacks the zip (LAMBDA_TASK_ROOT). */
export const LAMBDA_PRESETS_FILE = `/var/task/${ZIP_PRESETS_FILE}`;

type Json = Record<string, unknown>;

/** Writes the presets to `file` and the files they name beside it; returns the bytes written. */
export function writePresets(file: string, source = process.env.PRESETS_FILE || undefined): number {
  const catalog = loadPresets(source);
  const sourceDir = dirname(catalog.source);
  const json = JSON.parse(readFileSync(catalog.source, 'utf8')) as { presets: Json };
  const outDir = dirname(file);
  mkdirSync(outDir, { recursive: true });

  // Each distinct file once, under a flat name (numbered if two share one), references rewritten.
  const names = new Map<string, string>();
  for (const asset of assetsOf(catalog.list())) {
    if (names.has(asset.path)) continue;
    const taken = new Set(names.values());
    let name = basename(asset.path);
    for (let i = 2; taken.has(name); i++) name = `${i}-${basename(asset.path)}`;
    names.set(asset.path, name);
  }
  for (const preset of Object.values(json.presets) as { outputs: Json[] }[]) {
    for (const output of preset.outputs) {
      for (const op of (output.operations ?? []) as Json[]) {
        for (const field of ['image', 'fontFile'] as const) {
          if (typeof op[field] === 'string') {
            op[field] = names.get(resolve(sourceDir, op[field]));
          }
        }
      }
    }
  }
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  let bytes = statSync(file).size;
  for (const [path, name] of names) {
    copyFileSync(path, join(outDir, name));
    bytes += statSync(path).size;
  }
  // What the functions will read must load: check the copy, not just the source.
  loadPresets(file);
  return bytes;
}

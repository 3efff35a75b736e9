import { readFileSync } from 'node:fs';
import type { Metafile } from 'esbuild';
import { outputsReadAtStart } from '../build.js';

/**
 * What a Lambda bundle reads at start, by package, from the metafile scripts/build.ts writes for
 * the benchmark: handler.mjs and the chunks it imports statically (transitively), not the chunks
 * only import() reaches.
 */

export function readMetafile(file: string): Metafile {
  return JSON.parse(readFileSync(file, 'utf8')) as Metafile;
}

/** `zod`, `@aws-sdk/core`, or the folder under the project (`src/api`, `scripts/bench`). */
export function packageOf(input: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (match) return match[1]!;
  return input.split('/').slice(0, 2).join('/');
}

/** Bytes each package puts into the outputs read at start (metafile paths are cwd-relative). */
export function startBytesByPackage(metafile: Metafile, outDir: string): Map<string, number> {
  const { outputs, read } = outputsReadAtStart(metafile, outDir);
  const bytes = new Map<string, number>();
  for (const path of read) {
    const output = outputs.get(path)!;
    let inputs = 0;
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = packageOf(input);
      bytes.set(name, (bytes.get(name) ?? 0) + bytesInOutput);
      inputs += bytesInOutput;
    }
    // esbuild's helpers, the banner and the imports between chunks.
    bytes.set('(bundle glue)', (bytes.get('(bundle glue)') ?? 0) + output.bytes - inputs);
  }
  return bytes;
}

const GROUPS: [string, (name: string) => boolean][] = [
  ['zod (settings)', (n) => n === 'zod'],
  ['AWS SDK (DynamoDB and what it shares)', (n) => /^@(aws-sdk|smithy|aws)\//.test(n)],
  ['Powertools logger', (n) => n.startsWith('@aws-lambda-powertools/')],
  ['graphql-armor', (n) => n.startsWith('@escape.tech/')],
  ['graphql-scalars', (n) => n === 'graphql-scalars'],
  ["Darkroom's own modules (src/)", (n) => n.startsWith('src/')],
];

/**
 * Where a bundle's start is bigger than the floor's: the difference, package by package, summed
 * into groups (packages neither group names under "other"); largest first.
 */
export function startBytesAboveFloor(
  ours: Map<string, number>,
  floor: Map<string, number>,
): { group: string; bytes: number }[] {
  const sums = new Map<string, number>();
  for (const name of new Set([...ours.keys(), ...floor.keys()])) {
    const extra = (ours.get(name) ?? 0) - (floor.get(name) ?? 0);
    const group = GROUPS.find(([, test]) => test(name))?.[0] ?? 'other';
    sums.set(group, (sums.get(group) ?? 0) + extra);
  }
  return [...sums]
    .map(([group, bytes]) => ({ group, bytes }))
    .filter((g) => g.bytes !== 0)
    .sort((a, b) => b.bytes - a.bytes);
}

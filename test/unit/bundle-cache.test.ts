/**
 * The embedded default's cache of built pages with several files (the console: an index and
 * content-hashed assets): served from the cache while nothing changed, rebuilt when an input did,
 * and the files of the previous build removed rather than left to pile up.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachedBuild, type BuiltFiles } from '../../src/bundles/cache.js';

const INPUT = 'src/console/config.ts';
const BUILDER = 'src/console/build.ts';

describe('the built-pages cache', () => {
  let dir: string;
  let builds: number;
  const build = () => {
    builds += 1;
    return Promise.resolve<BuiltFiles>({
      files: { 'index.html': `<p>${builds}</p>`, [`console/app-${builds}.js`]: `build(${builds})` },
      inputs: [INPUT],
    });
  };
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'darkroom-bundles-'));
    builds = 0;
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('keeps every file of a build, and serves them again without building', async () => {
    const first = await cachedBuild(dir, BUILDER, build);
    expect(await cachedBuild(dir, BUILDER, build)).toEqual(first);
    expect(builds).toBe(1);
    expect(await readFile(join(dir, 'console/app-1.js'), 'utf8')).toBe('build(1)');
  });

  it('removes the previous build’s files when an input changed', async () => {
    await cachedBuild(dir, BUILDER, build);
    const recorded = JSON.parse(await readFile(join(dir, 'inputs.json'), 'utf8')) as object;
    await writeFile(join(dir, 'inputs.json'), JSON.stringify({ ...recorded, [INPUT]: 'older' }));
    expect(Object.keys(await cachedBuild(dir, BUILDER, build))).toEqual([
      'index.html',
      'console/app-2.js',
    ]);
    expect(existsSync(join(dir, 'console/app-1.js'))).toBe(false);
    expect(await readFile(join(dir, 'index.html'), 'utf8')).toBe('<p>2</p>');
  });
});

/**
 * The embedded default's cache of the GraphiQL page: `npm start` must serve a page built from the
 * current sources and packages, without rebuilding it (seconds) on every start.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachedGraphiqlPage, type BuiltPage } from '../../src/graphiql/build.js';

const INPUT = 'src/graphiql/examples.ts';

describe('the cached GraphiQL page', () => {
  let dir: string;
  let builds: number;
  const build = () => {
    builds += 1;
    return Promise.resolve<BuiltPage>({ html: `<p>build ${builds}</p>`, inputs: [INPUT] });
  };
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'darkroom-graphiql-'));
    builds = 0;
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const recorded = async () =>
    JSON.parse(await readFile(join(dir, 'inputs.json'), 'utf8')) as Record<string, string>;

  it('is built once, then served from the cache while its inputs are unchanged', async () => {
    expect(await cachedGraphiqlPage(dir, build)).toBe('<p>build 1</p>');
    expect(await cachedGraphiqlPage(dir, build)).toBe('<p>build 1</p>');
    expect(builds).toBe(1);
    // What it was built from includes the builder itself (its esbuild options).
    expect(Object.keys(await recorded())).toEqual([INPUT, 'src/graphiql/build.ts']);
  });

  it('is rebuilt when an input changed or vanished since', async () => {
    await cachedGraphiqlPage(dir, build);
    await writeFile(
      join(dir, 'inputs.json'),
      JSON.stringify({ ...(await recorded()), [INPUT]: 'an older version' }),
    );
    expect(await cachedGraphiqlPage(dir, build)).toBe('<p>build 2</p>');

    await writeFile(
      join(dir, 'inputs.json'),
      JSON.stringify({ ...(await recorded()), 'node_modules/graphiql/gone.js': 'x' }),
    );
    expect(await cachedGraphiqlPage(dir, build)).toBe('<p>build 3</p>');
    expect(await cachedGraphiqlPage(dir, build)).toBe('<p>build 3</p>');
  });
});

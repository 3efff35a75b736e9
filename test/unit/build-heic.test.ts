/**
 * The Lambda bundle carries the HEIC decoder: built with scripts/build.ts's buildOne and run from
 * a folder outside the repository, it decodes with the worker and the libheif beside it alone.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { buildOne } from '../../scripts/build.js';
import { heifEnc, heifEncAvailable, warnWithoutHeifEnc } from '../helpers/heic.js';
import { makeImage } from '../helpers/images.js';

warnWithoutHeifEnc('the bundled HEIC decoder test');
describe.skipIf(!heifEncAvailable)('the bundled HEIC decoder', () => {
  const dist = mkdtempSync(join(tmpdir(), 'darkroom-heic-build-'));
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it('is in the zip (worker beside the handler, libheif in node_modules) and decodes', async () => {
    const target = { name: 'probe', entry: 'test/helpers/heic-probe.ts', native: [], heic: true };
    const built = await buildOne(target, 'x86_64', { dist });
    expect(built?.chunks).toBe(0);
    const dir = join(dist, 'probe');
    for (const file of ['heic-worker.mjs', 'node_modules/libheif-js/libheif-wasm/libheif.wasm']) {
      expect(existsSync(join(dir, file)), file).toBe(true);
    }
    // The rest of the package (the base64 bundles, the asm.js build) stays out.
    expect(existsSync(join(dir, 'node_modules/libheif-js/libheif'))).toBe(false);

    const heic = heifEnc([await makeImage(120, 80, 'jpeg')]);
    const { handler } = (await import(pathToFileURL(join(dir, 'index.mjs')).href)) as {
      handler: (event: object) => Promise<string>;
    };
    const tiff = Buffer.from(
      await handler({ heic: heic.toString('base64'), width: 120, height: 80 }),
      'base64',
    );
    expect(await sharp(tiff).metadata()).toMatchObject({ format: 'tiff', width: 120, height: 80 });
  });
});

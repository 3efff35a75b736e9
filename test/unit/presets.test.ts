import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApiConfig } from '../../src/config/api.js';
import { ConfigError } from '../../src/config/env.js';
import { loadPresets } from '../../src/config/presets.js';
import { loadProcessorConfig } from '../../src/config/processor.js';
import { focusAfterGeometry } from '../../src/imaging/effects.js';
import { planOutput } from '../../src/imaging/plan.js';
import { shippedPreset } from '../../src/presets/load.js';
import { parsePresetsFile, type AssetReader } from '../../src/presets/schema.js';
import type { OutputSpec } from '../../src/presets/types.js';
import { MINIMAL_API_ENV } from '../helpers/config.js';

const noFiles: AssetReader = (source) => `no such file: ${source}`;
const someFile: AssetReader = (source) => ({
  source,
  path: `/presets/${source}`,
  data: Buffer.from('<svg></svg>'),
});

/** A file with `default` plus one preset `p` made of the given outputs. */
const file = (...outputs: unknown[]) => ({
  presets: { default: { outputs: [{ name: 'x', format: 'jpeg' }] }, p: { outputs } },
});

function problems(input: unknown, read: AssetReader = noFiles): string[] {
  const result = parsePresetsFile(input, read);
  if (!('problems' in result)) throw new Error('expected the file to be refused');
  return result.problems;
}

describe('the presets file schema', () => {
  it('accepts the shipped file, whose default preset is the shipped one', () => {
    const catalog = loadPresets(undefined);
    expect(catalog.names()).toEqual(['default', 'avatar', 'social', 'print-grey']);
    expect(catalog.get('default')).toEqual(shippedPreset());
    const mark = catalog.get('social')!.outputs[0]!.operations![1]!;
    expect(mark).toMatchObject({ op: 'watermark', image: { source: 'darkroom-mark.svg' } });
  });

  it('fills defaults and takes `format` as a one-format list', () => {
    const result = parsePresetsFile(file({ name: 'a', format: 'webp', width: 10 }), noFiles);
    expect('presets' in result && result.presets[1]!.outputs[0]).toEqual({
      name: 'a',
      width: 10,
      fit: 'inside',
      formats: ['webp'],
      quality: 80,
      operations: [],
    });
  });

  it.each([
    [
      'an unknown operation',
      file({ name: 'a', format: 'png', operations: [{ op: 'sepia' }] }),
      'preset "p", output "a", operation 1 (sepia), op: expected "op" to be one of flip, flop',
    ],
    [
      'a value out of range',
      file({
        name: 'card',
        format: 'png',
        operations: [{ op: 'greyscale' }, { op: 'watermark', text: 'x', opacity: 2 }],
      }),
      'preset "p", output "card", operation 2 (watermark), opacity: Too big',
    ],
    [
      'a smart crop without a cover fit',
      file({ name: 'a', format: 'png', width: 9, operations: [{ op: 'crop', smart: true }] }),
      'preset "p", output "a", operation 1 (crop): a smart crop chooses the window of a cover fit',
    ],
    [
      'geometry after an effect',
      file({ name: 'a', format: 'png', operations: [{ op: 'blur', sigma: 1 }, { op: 'flip' }] }),
      'operation 2 (flip): flip must come before the effects',
    ],
    [
      'a crop box past the edge',
      file({
        name: 'a',
        format: 'png',
        operations: [{ op: 'crop', box: { left: 0.6, top: 0, width: 0.5, height: 1 } }],
      }),
      'operation 1 (crop), box, width: left + width must be at most 1',
    ],
    [
      'a crop that is neither box nor smart',
      file({ name: 'a', format: 'png', operations: [{ op: 'crop' }] }),
      'operation 1 (crop): give either box',
    ],
    [
      'a watermark with neither text nor image',
      file({ name: 'a', format: 'png', operations: [{ op: 'watermark' }] }),
      'operation 1 (watermark): give either text or image',
    ],
    [
      'both format and formats',
      file({ name: 'a', format: 'png', formats: ['jpeg'] }),
      'output "a", formats: give either format',
    ],
    [
      'a format twice',
      file({ name: 'a', formats: ['png', 'png'] }),
      'output "a", formats: a format is listed twice',
    ],
    ['an unknown format', file({ name: 'a', format: 'bmp' }), 'output "a", format: Invalid option'],
    [
      'two outputs with one name',
      file({ name: 'a', format: 'png' }, { name: 'a', format: 'jpeg' }),
      'preset "p", output "a", name: another output is already named "a"',
    ],
    [
      'an output name unfit for a key',
      file({ name: '../a', format: 'png' }),
      'preset "p", output "../a", name: expected lower-case letters',
    ],
    [
      'an unknown field',
      file({ name: 'a', format: 'png', colour: 'red' }),
      'preset "p", output "a": Unrecognized key: "colour"',
    ],
    [
      'no default preset',
      { presets: { other: { outputs: [{ name: 'a', format: 'png' }] } } },
      'presets: a preset named "default" is required',
    ],
    [
      'a bad preset name',
      {
        presets: {
          default: { outputs: [{ name: 'a', format: 'png' }] },
          'Big One': { outputs: [{ name: 'a', format: 'png' }] },
        },
      },
      'preset "Big One": preset names are lower-case letters',
    ],
    ['a preset without outputs', file(), 'preset "p", outputs: Too small'],
    [
      'a watermark image that cannot be read',
      file({ name: 'a', format: 'png', operations: [{ op: 'watermark', image: 'logo.png' }] }),
      'preset "p", output "a", operation 1 (watermark), image: no such file: logo.png',
    ],
  ])('refuses %s, saying where', (_, input, message) => {
    expect(problems(input).join('\n')).toContain(message);
  });

  it('reads watermark files through the reader and keeps where they came from', () => {
    const result = parsePresetsFile(
      file({ name: 'a', format: 'png', operations: [{ op: 'watermark', image: 'logo.svg' }] }),
      someFile,
    );
    expect('presets' in result && result.presets[1]!.outputs[0]!.operations).toEqual([
      {
        op: 'watermark',
        image: {
          source: 'logo.svg',
          path: '/presets/logo.svg',
          data: expect.any(Buffer) as unknown,
        },
        position: 'southeast',
        opacity: 0.5,
        size: 0.25,
        margin: 0.02,
        colour: '#ffffff',
        font: 'sans bold',
      },
    ]);
  });
});

describe('PRESETS_FILE in the API and processor configuration', () => {
  let dir: string;
  const base = MINIMAL_API_ENV;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'darkroom-presets-unit-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('a bad file stops both configurations with a message naming the setting, file and field', async () => {
    const path = join(dir, 'bad.json');
    await writeFile(
      path,
      JSON.stringify({
        presets: {
          default: { outputs: [{ name: 'thumb', format: 'jpeg' }] },
          social: {
            outputs: [
              {
                name: 'card',
                format: 'jpeg',
                operations: [{ op: 'watermark', image: 'missing.png', position: 'top' }],
              },
            ],
          },
        },
      }),
    );
    for (const load of [loadApiConfig, loadProcessorConfig]) {
      let error: unknown;
      try {
        load({ ...base, PRESETS_FILE: path });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toContain(
        `PRESETS_FILE (${path}): preset "social", output "card", operation 1 (watermark), image: cannot read ${join(dir, 'missing.png')}: ENOENT`,
      );
      expect(message).toContain('operation 1 (watermark), position: Invalid option');
    }
  });

  it('says so when the file is missing or not JSON', async () => {
    const notJson = join(dir, 'not.json');
    await writeFile(notJson, '{ presets: ');
    expect(() => loadApiConfig({ ...base, PRESETS_FILE: notJson })).toThrow(
      /PRESETS_FILE \(.*not\.json\): not valid JSON/,
    );
    expect(() => loadProcessorConfig({ ...base, PRESETS_FILE: join(dir, 'nope.json') })).toThrow(
      /PRESETS_FILE \(.*nope\.json\): cannot read the file: ENOENT/,
    );
  });

  it('a good file replaces the shipped presets, its files read relative to it', async () => {
    await writeFile(
      join(dir, 'mark.svg'),
      '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>',
    );
    const path = join(dir, 'good.json');
    await writeFile(
      path,
      JSON.stringify({
        presets: {
          default: {
            outputs: [
              { name: 'a', format: 'png', operations: [{ op: 'watermark', image: 'mark.svg' }] },
            ],
          },
        },
      }),
    );
    const config = loadProcessorConfig({ ...base, PRESETS_FILE: path });
    expect(config.presets.names()).toEqual(['default']);
    expect(config.presets.get('default')!.outputs[0]!.operations![0]).toMatchObject({
      image: { path: join(dir, 'mark.svg') },
    });
  });
});

describe('planning with geometry', () => {
  const spec = (
    operations: OutputSpec['operations'],
    extra: Partial<OutputSpec> = {},
  ): OutputSpec => ({
    name: 'o',
    width: 200,
    fit: 'inside',
    formats: ['png'],
    operations,
    ...extra,
  });

  it('fits the box to the source as rotated or cropped', () => {
    expect(
      planOutput(spec([{ op: 'rotate', angle: 90, background: '#fff' }]), 400, 200),
    ).toMatchObject({ width: 200, height: 400 });
    expect(
      planOutput(spec([{ op: 'rotate', angle: -270, background: '#fff' }]), 400, 200),
    ).toMatchObject({ width: 200, height: 400 });
    expect(
      planOutput(spec([{ op: 'rotate', angle: 180, background: '#fff' }]), 400, 200),
    ).toMatchObject({ width: 200, height: 100 });
    // A 45° turn of a square grows its canvas by √2.
    expect(
      planOutput(
        spec([{ op: 'rotate', angle: 45, background: '#fff' }], { width: 1000 }),
        100,
        100,
      ),
    ).toMatchObject({ width: 141, height: 141 });
    const crop = { op: 'crop' as const, box: { left: 0.5, top: 0, width: 0.5, height: 0.5 } };
    expect(planOutput(spec([crop]), 400, 200)).toMatchObject({ width: 200, height: 100, scale: 1 });
    expect(planOutput(spec([crop], { width: 100 }), 800, 400)).toMatchObject({
      width: 100,
      height: 50,
      scale: 0.25,
    });
  });

  it('follows the focus (the faces) through flips, quarter turns and crops', () => {
    const face = { left: 0, top: 0, width: 0.25, height: 0.5 };
    expect(focusAfterGeometry(face, [{ op: 'flop' }])).toEqual({
      left: 0.75,
      top: 0,
      width: 0.25,
      height: 0.5,
    });
    expect(focusAfterGeometry(face, [{ op: 'flip' }])).toEqual({
      left: 0,
      top: 0.5,
      width: 0.25,
      height: 0.5,
    });
    expect(focusAfterGeometry(face, [{ op: 'rotate', angle: 90, background: '#fff' }])).toEqual({
      left: 0.5,
      top: 0,
      width: 0.5,
      height: 0.25,
    });
    expect(
      focusAfterGeometry(face, [{ op: 'crop', box: { left: 0, top: 0, width: 0.5, height: 1 } }]),
    ).toEqual({
      left: 0,
      top: 0,
      width: 0.5,
      height: 0.5,
    });
    expect(
      focusAfterGeometry(face, [{ op: 'crop', box: { left: 0.5, top: 0, width: 0.5, height: 1 } }]),
    ).toBeUndefined();
    expect(
      focusAfterGeometry(face, [{ op: 'rotate', angle: 10, background: '#fff' }]),
    ).toBeUndefined();
  });
});

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as z from '../model/zod.js';
import { problemsOf } from './problems.js';
import { looksLikeSvg, OUTPUT_FORMATS } from '../model/formats.js';
import { sniffImageFormat } from '../model/sniff.js';
import {
  GRAVITIES,
  type Operation,
  type OutputSpec,
  type Preset,
  type PresetAsset,
} from './types.js';

/**
 * The presets file's schema: what an operator may write, checked once at start-up, with messages
 * that name the preset, the output, the operation and the field. Anything this accepts the
 * processor can render, so a preset never fails an image later.
 */

/** Preset and output names end up in object keys and metric names: keep them plain. */
const NAME = /^[a-z0-9][a-z0-9_-]{0,39}$/;
const NAME_RULE =
  'lower-case letters, digits, "-" and "_", at most 40, starting with a letter or digit';
const COLOUR = /^#(?:[0-9a-f]{6}|[0-9a-f]{8})$/i;
/** Bounds the work one image can ask for. */
const MAX_PRESETS = 50;
const MAX_OUTPUTS = 20;
const MAX_OPERATIONS = 20;
const MAX_SIDE = 8192;

/** Reads a file the presets file names; returns a message when it cannot be used. */
export type AssetReader = (source: string, kind: 'image' | 'font') => PresetAsset | string;

/** Files relative to `baseDir` (the presets file's folder); images must really be images. */
export const assetsFrom =
  (baseDir: string): AssetReader =>
  (source, kind) => {
    const path = resolve(baseDir, source);
    let data: Buffer;
    try {
      data = readFileSync(path);
    } catch (error) {
      return `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
    }
    // A watermark is drawn by libvips itself, which cannot decode HEVC (HEIC uploads go through
    // libheif's WebAssembly build); a mark is small, so PNG or SVG is what it should be anyway.
    const format = kind === 'image' ? sniffImageFormat(data) : undefined;
    if (kind === 'image' && (format === undefined || format === 'heic') && !looksLikeSvg(data)) {
      return `${path} is not a PNG, JPEG, WebP, GIF, AVIF, TIFF or SVG image${format === 'heic' ? ' (HEIC is accepted as uploads, not as watermarks: convert it to PNG)' : ''}`;
    }
    return { source, path, data };
  };

const factor = (min: number, max: number, note: string) =>
  z.number({ error: `expected a number (${note})` }).check(z.gte(min), z.lte(max));

/** A number from `min` to `max`. */
const between = (min: number, max: number) => z.number().check(z.gte(min), z.lte(max));

/** A whole number from `min` to `max`. */
const wholeBetween = (min: number, max: number) =>
  z.number().check(z.int(), z.gte(min), z.lte(max));

/**
 * The field schemas operations share. Made when a presets file is read, not when this module
 * loads: no schema here is built before it is needed (the API reads its presets on first use).
 */
function fields() {
  const ratio = between(0, 1);
  const positiveRatio = z.number().check(z.gt(0), z.lte(1));
  const colour = z
    .string()
    .check(z.regex(COLOUR, { error: 'expected a colour as #rrggbb or #rrggbbaa' }));
  const opaqueColour = z.string().check(
    z.regex(/^#[0-9a-f]{6}$/i, {
      error: 'expected a colour as #rrggbb (opacity sets the transparency)',
    }),
  );
  const box = z
    .strictObject({ left: ratio, top: ratio, width: positiveRatio, height: positiveRatio })
    .check(
      z.superRefine((b, ctx) => {
        // A little slack for ratios written with rounding, e.g. 0.333 + 0.667.
        if (b.left + b.width > 1.000001) {
          ctx.addIssue({
            code: 'custom',
            message: 'left + width must be at most 1',
            path: ['width'],
          });
        }
        if (b.top + b.height > 1.000001) {
          ctx.addIssue({
            code: 'custom',
            message: 'top + height must be at most 1',
            path: ['height'],
          });
        }
      }),
    );
  return { positiveRatio, colour, opaqueColour, box };
}

function operationSchema(read: AssetReader) {
  const { positiveRatio, colour, opaqueColour, box } = fields();
  const asset = (kind: 'image' | 'font') =>
    z.pipe(
      z.string().check(z.minLength(1)),
      z.transform((source: string, ctx) => {
        const found = read(source, kind);
        if (typeof found === 'string') {
          ctx.issues.push({ code: 'custom', message: found, input: source });
          return z.NEVER;
        }
        return found;
      }),
    );
  const plain = <T extends string>(op: T) => z.strictObject({ op: z.literal(op) });
  const OPS = [
    'flip',
    'flop',
    'rotate',
    'crop',
    'greyscale',
    'brightness',
    'saturation',
    'contrast',
    'blur',
    'sharpen',
    'watermark',
  ];
  return z.discriminatedUnion(
    'op',
    [
      plain('flip'),
      plain('flop'),
      z.strictObject({
        op: z.literal('rotate'),
        angle: between(-360, 360),
        background: z._default(colour, '#ffffff'),
      }),
      z
        .strictObject({
          op: z.literal('crop'),
          box: z.optional(box),
          smart: z.optional(z.literal(true, { error: 'expected true' })),
        })
        .check(
          z.superRefine((crop, ctx) => {
            if ((crop.box === undefined) === (crop.smart === undefined)) {
              ctx.addIssue({
                code: 'custom',
                message: 'give either box {left, top, width, height} or smart: true',
              });
            }
          }),
        ),
      plain('greyscale'),
      z.strictObject({ op: z.literal('brightness'), factor: factor(0.01, 4, '1 is unchanged') }),
      z.strictObject({
        op: z.literal('saturation'),
        factor: factor(0, 4, '0 is grey, 1 unchanged'),
      }),
      z.strictObject({
        op: z.literal('contrast'),
        factor: factor(0, 4, '0 is flat grey, 1 unchanged'),
      }),
      z.strictObject({ op: z.literal('blur'), sigma: between(0.3, 100) }),
      z.strictObject({ op: z.literal('sharpen'), sigma: z.optional(between(0.01, 10)) }),
      z
        .strictObject({
          op: z.literal('watermark'),
          text: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
          image: z.optional(asset('image')),
          position: z._default(z.enum(GRAVITIES), 'southeast'),
          opacity: z._default(z.number().check(z.gt(0), z.lte(1)), 0.5),
          size: z._default(positiveRatio, 0.25),
          margin: z._default(between(0, 0.25), 0.02),
          colour: z._default(opaqueColour, '#ffffff'),
          font: z._default(z.string().check(z.minLength(1), z.maxLength(100)), 'sans bold'),
          fontFile: z.optional(asset('font')),
        })
        .check(
          z.superRefine((mark, ctx) => {
            if ((mark.text === undefined) === (mark.image === undefined)) {
              ctx.addIssue({ code: 'custom', message: 'give either text or image' });
            }
            if (mark.image && mark.fontFile) {
              ctx.addIssue({
                code: 'custom',
                message: 'fontFile applies to text marks only',
                path: ['fontFile'],
              });
            }
          }),
        ),
    ],
    { error: () => `expected "op" to be one of ${OPS.join(', ')}` },
  );
}

type ParsedOperation = z.infer<ReturnType<typeof operationSchema>>;

const isGeometryName = (op: ParsedOperation) =>
  op.op === 'flip' || op.op === 'flop' || op.op === 'rotate' || op.op === 'crop';

function outputSchema(read: AssetReader) {
  return z
    .strictObject({
      name: z.string().check(z.regex(NAME, { error: `expected ${NAME_RULE}` })),
      width: z.optional(wholeBetween(1, MAX_SIDE)),
      height: z.optional(wholeBetween(1, MAX_SIDE)),
      fit: z._default(z.enum(['cover', 'inside']), 'inside'),
      format: z.optional(z.enum(OUTPUT_FORMATS)),
      formats: z.optional(
        z.array(z.enum(OUTPUT_FORMATS)).check(z.minLength(1), z.maxLength(OUTPUT_FORMATS.length)),
      ),
      quality: z._default(wholeBetween(1, 100), 80),
      operations: z._default(z.array(operationSchema(read)).check(z.maxLength(MAX_OPERATIONS)), []),
    })
    .check(
      z.superRefine((output, ctx) => {
        if ((output.format === undefined) === (output.formats === undefined)) {
          ctx.addIssue({
            code: 'custom',
            message: 'give either format ("jpeg") or formats (["jpeg", "webp"])',
            path: ['formats'],
          });
        }
        if (output.formats && new Set(output.formats).size !== output.formats.length) {
          ctx.addIssue({ code: 'custom', message: 'a format is listed twice', path: ['formats'] });
        }
        let effectSeen = false;
        let smart = 0;
        output.operations.forEach((op, i) => {
          const path = ['operations', i];
          if (op.op === 'crop' && op.smart) {
            smart++;
            if (output.fit !== 'cover') {
              ctx.addIssue({
                code: 'custom',
                message: 'a smart crop chooses the window of a cover fit: set fit to "cover"',
                path,
              });
            }
            if (smart > 1) ctx.addIssue({ code: 'custom', message: 'only one smart crop', path });
          }
          if (!isGeometryName(op)) effectSeen = true;
          else if (effectSeen) {
            ctx.addIssue({
              code: 'custom',
              message: `${op.op} must come before the effects: geometry is applied before the fit, effects after it`,
              path,
            });
          }
        });
      }),
    );
}

function presetSchema(read: AssetReader) {
  return z
    .strictObject({
      description: z.optional(z.string().check(z.maxLength(300))),
      outputs: z.array(outputSchema(read)).check(z.minLength(1), z.maxLength(MAX_OUTPUTS)),
    })
    .check(
      z.superRefine((preset, ctx) => {
        const seen = new Set<string>();
        preset.outputs.forEach((output, i) => {
          if (seen.has(output.name)) {
            ctx.addIssue({
              code: 'custom',
              message: `another output is already named "${output.name}"`,
              path: ['outputs', i, 'name'],
            });
          }
          seen.add(output.name);
        });
      }),
    );
}

/** The whole file: `{ "presets": { "<name>": { "description", "outputs": [...] } } }`. */
export function presetsFileSchema(read: AssetReader) {
  return z
    .strictObject({
      $schema: z.optional(z.string()),
      presets: z.record(z.string(), presetSchema(read)),
    })
    .check(
      z.superRefine((file, ctx) => {
        const names = Object.keys(file.presets);
        for (const name of names) {
          if (!NAME.test(name)) {
            ctx.addIssue({
              code: 'custom',
              message: `preset names are ${NAME_RULE}`,
              path: ['presets', name],
            });
          }
        }
        if (!names.includes('default')) {
          ctx.addIssue({
            code: 'custom',
            message: 'a preset named "default" is required (uploads that name none use it)',
            path: ['presets'],
          });
        }
        if (names.length > MAX_PRESETS) {
          ctx.addIssue({
            code: 'custom',
            message: `at most ${MAX_PRESETS} presets`,
            path: ['presets'],
          });
        }
      }),
    );
}

function toOperation(op: ParsedOperation): Operation {
  switch (op.op) {
    case 'crop':
      return op.box ? { op: 'crop', box: op.box } : { op: 'crop', smart: true };
    case 'watermark': {
      const { text, image, fontFile, ...rest } = op;
      return {
        ...rest,
        ...(text !== undefined ? { text } : {}),
        ...(image ? { image } : {}),
        ...(fontFile ? { fontFile } : {}),
      };
    }
    case 'sharpen':
      return op.sigma === undefined ? { op: 'sharpen' } : { op: 'sharpen', sigma: op.sigma };
    default:
      return op;
  }
}

type ParsedPreset = z.infer<ReturnType<typeof presetSchema>>;

function toPreset(name: string, preset: ParsedPreset): Preset {
  return {
    name,
    ...(preset.description !== undefined ? { description: preset.description } : {}),
    outputs: preset.outputs.map((o): OutputSpec => ({
      name: o.name,
      ...(o.width !== undefined ? { width: o.width } : {}),
      ...(o.height !== undefined ? { height: o.height } : {}),
      fit: o.fit,
      formats: o.formats ?? [o.format!],
      quality: o.quality,
      operations: o.operations.map(toOperation),
    })),
  };
}

/** A presets file's content, validated; files it names are read through `read`. */
export function parsePresetsFile(
  input: unknown,
  read: AssetReader,
): { presets: Preset[] } | { problems: string[] } {
  const result = presetsFileSchema(read).safeParse(input);
  if (!result.success) return { problems: problemsOf(input, result.error) };
  return {
    presets: Object.entries(result.data.presets).map(([name, preset]) => toPreset(name, preset)),
  };
}

/** Every file a set of presets uses (the build ships them with the presets file). */
export function assetsOf(presets: Preset[]): PresetAsset[] {
  return presets.flatMap((preset) =>
    preset.outputs.flatMap((output) =>
      (output.operations ?? []).flatMap((op) =>
        op.op === 'watermark' ? [op.image, op.fontFile].filter((a) => a !== undefined) : [],
      ),
    ),
  );
}

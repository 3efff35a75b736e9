import { DEFAULT_PRESET_NAME, type Operation } from '../../../presets/types.js';
import type { QueryResolvers } from '../../../schema/generated/resolvers-types.js';

const percent = (ratio: number) => `${+(ratio * 100).toFixed(2)}%`;

/** One operation in words, for people reading the presets query (e.g. in GraphiQL). */
export function describeOperation(op: Operation): string {
  switch (op.op) {
    case 'flip':
      return 'flip (upside down)';
    case 'flop':
      return 'flop (mirror left to right)';
    case 'rotate':
      return `rotate ${op.angle}° clockwise${op.angle % 90 === 0 ? '' : `, background ${op.background}`}`;
    case 'crop':
      return 'box' in op
        ? `crop: box left ${percent(op.box.left)}, top ${percent(op.box.top)}, ${percent(op.box.width)} × ${percent(op.box.height)}`
        : 'crop: smart (faces, else the most interesting region)';
    case 'greyscale':
      return 'greyscale';
    case 'brightness':
    case 'saturation':
    case 'contrast':
      return `${op.op} ×${op.factor}`;
    case 'blur':
      return `blur σ ${op.sigma}`;
    case 'sharpen':
      return op.sigma === undefined ? 'sharpen' : `sharpen σ ${op.sigma}`;
    case 'watermark': {
      const what = op.image
        ? `image ${op.image.source}`
        : `text ${JSON.stringify(op.text)} (${op.fontFile ? op.fontFile.source : op.font}, ${op.colour})`;
      return `watermark: ${what}, ${op.position}, opacity ${op.opacity}, size ${op.size}, margin ${op.margin}`;
    }
  }
}

export const presets: QueryResolvers['presets'] = (_, __, ctx) =>
  // `default` first: it is what createUpload uses when no preset is named.
  [...ctx.config.presets.list()]
    .sort((a, b) => Number(b.name === DEFAULT_PRESET_NAME) - Number(a.name === DEFAULT_PRESET_NAME))
    .map((preset) => ({
      name: preset.name,
      description: preset.description ?? null,
      outputs: preset.outputs.map((output) => ({
        name: output.name,
        width: output.width ?? null,
        height: output.height ?? null,
        fit: output.fit === 'cover' ? 'COVER' : 'INSIDE',
        formats: output.formats,
        quality: output.quality ?? 80,
        operations: (output.operations ?? []).map(describeOperation),
      })),
    }));

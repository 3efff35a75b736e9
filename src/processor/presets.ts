import shipped from '../../presets/default.json' with { type: 'json' };
import { GRAVITIES, OUTPUT_FORMATS, parsePreset } from './preset-schema.js';

/**
 * Named sets of outputs. Each output is made in every listed format from the one decode; its
 * operations change geometry before the fit or pixels after it. Presets come from a JSON file
 * (presets/default.json, or PRESETS_FILE), validated by ./preset-schema.ts at start-up.
 */

export { GRAVITIES, OUTPUT_FORMATS };
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
/** Where a watermark sits; libvips' gravity names. */
export type Gravity = (typeof GRAVITIES)[number];

/** A region as ratios (0..1) of the width and height, from the top-left corner. */
export interface RatioBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Change the source's geometry; applied in order before the fit, so the output box holds. */
export type GeometryOperation =
  | { op: 'flip' }
  | { op: 'flop' }
  | { op: 'rotate'; angle: number; background: string }
  | { op: 'crop'; box: RatioBox };

/** The fit's own choice of window: faces when analysis found some, else libvips' attention. */
export interface SmartCrop {
  op: 'crop';
  smart: true;
}

/** A file the presets file names, read at start-up. */
export interface PresetAsset {
  /** As written in the presets file (relative to it). */
  source: string;
  /** Absolute path. */
  path: string;
  data: Buffer;
}

export interface WatermarkOperation {
  op: 'watermark';
  /** Exactly one of text and image. */
  text?: string;
  image?: PresetAsset;
  position: Gravity;
  /** 0..1, multiplied into the mark's own alpha. */
  opacity: number;
  /** The largest share (0..1) of the output's width (and height) the mark may cover. */
  size: number;
  /** Space from the edges, as a share of the output's shorter side. */
  margin: number;
  /** Text colour, #rrggbb. */
  colour: string;
  /** Pango font description, e.g. "sans bold". */
  font: string;
  /** A font file for the text (e.g. where the platform has no fonts, as on AWS Lambda). */
  fontFile?: PresetAsset;
}

/** Change the fitted output's pixels; applied in order after the fit. */
export type EffectOperation =
  | { op: 'greyscale' }
  | { op: 'brightness' | 'saturation' | 'contrast'; factor: number }
  | { op: 'blur'; sigma: number }
  | { op: 'sharpen'; sigma?: number }
  | WatermarkOperation;

export type Operation = GeometryOperation | SmartCrop | EffectOperation;

export interface OutputSpec {
  /** With each format, names the variant (`thumb` → thumb.jpeg, thumb.webp). */
  name: string;
  /** Box to fit. `cover` fills it exactly (cropping); `inside` keeps the whole image within it. */
  width?: number;
  height?: number;
  fit: 'cover' | 'inside';
  formats: OutputFormat[];
  /** JPEG, WebP and AVIF quality, 1..100 (default 80); PNG is always lossless. */
  quality?: number;
  /** Geometry first, then smart crop, then effects (the schema refuses another order). */
  operations?: Operation[];
}

export interface Preset {
  name: string;
  description?: string;
  outputs: OutputSpec[];
}

export const isGeometry = (op: Operation): op is GeometryOperation =>
  op.op === 'flip' || op.op === 'flop' || op.op === 'rotate' || (op.op === 'crop' && 'box' in op);

export const isSmartCrop = (op: Operation): op is SmartCrop => op.op === 'crop' && 'smart' in op;

export const isEffect = (op: Operation): op is EffectOperation =>
  !isGeometry(op) && !isSmartCrop(op);

/** The presets a deployment offers, by name; built from a validated presets file. */
export class PresetCatalog {
  private readonly byName: Map<string, Preset>;

  constructor(
    presets: Preset[],
    /** Where they came from, for messages. */
    readonly source: string,
  ) {
    this.byName = new Map(presets.map((p) => [p.name, p]));
  }

  get(name: string): Preset | undefined {
    return this.byName.get(name);
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  list(): Preset[] {
    return [...this.byName.values()];
  }
}

/** Used when createUpload names no preset; every presets file must define it. */
export const DEFAULT_PRESET_NAME = 'default';

/** The shipped `default` preset (presets/default.json), for tests and tools. */
export const DEFAULT_PRESET: Preset = parsePreset(
  DEFAULT_PRESET_NAME,
  shipped.presets[DEFAULT_PRESET_NAME],
);

export const EXTENSIONS: Record<OutputFormat, string> = {
  jpeg: 'jpg',
  webp: 'webp',
  avif: 'avif',
  png: 'png',
};

import type { Box } from '../model/box.js';
import type { OutputFormat } from '../model/formats.js';

/**
 * Named sets of outputs. Each output is made in every listed format from the one decode; its
 * operations change geometry before the fit or pixels after it. Presets come from a JSON file
 * (presets/default.json, or PRESETS_FILE), validated by ./schema.ts at start-up.
 */

export type { OutputFormat };

export const GRAVITIES = [
  'northwest',
  'north',
  'northeast',
  'west',
  'centre',
  'east',
  'southwest',
  'south',
  'southeast',
] as const;
/** Where a watermark sits; libvips' gravity names. */
export type Gravity = (typeof GRAVITIES)[number];

/** Change the source's geometry; applied in order before the fit, so the output box holds. */
export type GeometryOperation =
  | { op: 'flip' }
  | { op: 'flop' }
  | { op: 'rotate'; angle: number; background: string }
  | { op: 'crop'; box: Box };

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

/** Used when createUpload names no preset; every presets file must define it. */
export const DEFAULT_PRESET_NAME = 'default';

/** Named sets of outputs. Each output is made in every listed format from the one decode. */

export type OutputFormat = 'jpeg' | 'webp' | 'avif' | 'png';

export interface OutputSpec {
  name: string;
  /** Box to fit. `cover` fills it exactly (cropping); `inside` keeps the whole image within it. */
  width?: number;
  height?: number;
  fit: 'cover' | 'inside';
  formats: OutputFormat[];
  quality?: number;
}

export interface Preset {
  name: string;
  outputs: OutputSpec[];
}

export const DEFAULT_PRESET: Preset = {
  name: 'default',
  outputs: [
    { name: 'thumb', width: 150, height: 150, fit: 'cover', formats: ['jpeg', 'webp'] },
    { name: 'small', width: 640, fit: 'inside', formats: ['jpeg', 'webp'] },
    { name: 'large', width: 1280, height: 720, fit: 'inside', formats: ['jpeg', 'webp'] },
  ],
};

const PRESETS = new Map([[DEFAULT_PRESET.name, DEFAULT_PRESET]]);

export const presetNames = (): string[] => [...PRESETS.keys()];

export const findPreset = (name: string): Preset | undefined => PRESETS.get(name);

export const EXTENSIONS: Record<OutputFormat, string> = {
  jpeg: 'jpg',
  webp: 'webp',
  avif: 'avif',
  png: 'png',
};

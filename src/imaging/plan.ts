import { geometrySize } from './effects.js';
import { isGeometry, type OutputSpec } from '../presets/types.js';

/** One output's exact size, planned from the original before anything is decoded. */
export interface Plan {
  spec: OutputSpec;
  width: number;
  height: number;
  /** Scale from the original this output needs; the working copy must be at least this large. */
  scale: number;
}

/**
 * Exact output size for a spec, computed from the original so it never depends on the working
 * copy. The box is fitted to the source as the geometry operations leave it (cropped, turned).
 */
export function planOutput(spec: OutputSpec, originalWidth: number, originalHeight: number): Plan {
  const { width, height } = geometrySize(
    (spec.operations ?? []).filter(isGeometry),
    originalWidth,
    originalHeight,
  );
  const sx = spec.width !== undefined ? spec.width / width : undefined;
  const sy = spec.height !== undefined ? spec.height / height : undefined;
  if (spec.fit === 'cover') {
    // Cover fills the whole box; when the original is too small, shrink the box instead of enlarging.
    const boxW = spec.width ?? spec.height ?? width;
    const boxH = spec.height ?? spec.width ?? height;
    const need = Math.max(boxW / width, boxH / height);
    const shrink = need > 1 ? need : 1;
    return {
      spec,
      width: Math.max(1, Math.round(boxW / shrink)),
      height: Math.max(1, Math.round(boxH / shrink)),
      scale: Math.min(need, 1),
    };
  }
  const scale = Math.min(1, sx ?? Infinity, sy ?? Infinity);
  return {
    spec,
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
    scale,
  };
}

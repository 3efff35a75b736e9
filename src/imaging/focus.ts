import type { Face } from '../model/analysis.js';
import type { Box } from '../model/box.js';

/** The smallest box holding every face: what a crop must keep in view. */
export function facesFocus(faces: readonly Face[]): Box | undefined {
  if (faces.length === 0) return undefined;
  const left = Math.min(...faces.map((f) => f.box.left));
  const top = Math.min(...faces.map((f) => f.box.top));
  const right = Math.max(...faces.map((f) => f.box.left + f.box.width));
  const bottom = Math.max(...faces.map((f) => f.box.top + f.box.height));
  return { left, top, width: right - left, height: bottom - top };
}

/**
 * A region as ratios (0..1) of an image's width and height, from the top-left corner: a face the
 * analyser found (Rekognition's BoundingBox), a preset's crop box, the focus a smart crop keeps.
 */
export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

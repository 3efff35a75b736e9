import sharp, { type Sharp } from 'sharp';
import type { Box } from '../model/box.js';
import type { EffectOperation, GeometryOperation } from '../presets/types.js';
import { drawWatermark } from './watermark.js';

/** 8-bit pixels between steps: each operation is its own sharp pipeline, so they run in order. */
export interface RawImage {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
}

export const sharpOf = (image: RawImage): Sharp =>
  sharp(image.data, {
    raw: { width: image.width, height: image.height, channels: image.channels },
  });

export async function toRaw(image: Sharp): Promise<RawImage> {
  const { data, info } = await image.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

/** Quarter turns clockwise for a right angle, else undefined. */
const quarterTurns = (angle: number) =>
  angle % 90 === 0 ? (((angle / 90) % 4) + 4) % 4 : undefined;

/** The size of the source after the geometry operations: what the output's box is fitted to. */
export function geometrySize(
  operations: readonly { op: string }[],
  width: number,
  height: number,
): { width: number; height: number } {
  let w = width;
  let h = height;
  for (const op of operations as GeometryOperation[]) {
    if (op.op === 'crop' && 'box' in op) {
      w *= op.box.width;
      h *= op.box.height;
    } else if (op.op === 'rotate') {
      const turns = quarterTurns(op.angle);
      if (turns === undefined) {
        // Any other angle: the canvas grows to the rotated image's bounding box.
        const rad = (op.angle * Math.PI) / 180;
        const [cos, sin] = [Math.abs(Math.cos(rad)), Math.abs(Math.sin(rad))];
        [w, h] = [w * cos + h * sin, w * sin + h * cos];
      } else if (turns % 2 === 1) {
        [w, h] = [h, w];
      }
    }
  }
  return { width: Math.max(1, w), height: Math.max(1, h) };
}

/** Applies geometry operations to the working copy, in the order listed. */
export async function applyGeometry(
  image: RawImage,
  operations: readonly GeometryOperation[],
): Promise<RawImage> {
  let current = image;
  for (const op of operations) {
    const pipeline = sharpOf(current);
    switch (op.op) {
      case 'flip':
        pipeline.flip();
        break;
      case 'flop':
        pipeline.flop();
        break;
      case 'rotate':
        pipeline.rotate(op.angle, { background: op.background });
        break;
      case 'crop': {
        const left = Math.min(current.width - 1, Math.floor(op.box.left * current.width));
        const top = Math.min(current.height - 1, Math.floor(op.box.top * current.height));
        pipeline.extract({
          left,
          top,
          width: Math.max(
            1,
            Math.min(current.width - left, Math.round(op.box.width * current.width)),
          ),
          height: Math.max(
            1,
            Math.min(current.height - top, Math.round(op.box.height * current.height)),
          ),
        });
        break;
      }
    }
    current = await toRaw(pipeline);
  }
  return current;
}

/**
 * Where a region of the original (e.g. the faces) ends up after the geometry operations, so a
 * smart crop still centres on it; undefined when it was cropped away or turned by an odd angle.
 */
export function focusAfterGeometry(
  focus: Box,
  operations: readonly GeometryOperation[],
): Box | undefined {
  let f: Box | undefined = focus;
  for (const op of operations) {
    if (!f) return undefined;
    switch (op.op) {
      case 'flip':
        f = { ...f, top: 1 - f.top - f.height };
        break;
      case 'flop':
        f = { ...f, left: 1 - f.left - f.width };
        break;
      case 'rotate': {
        const turns = quarterTurns(op.angle);
        if (turns === undefined) return undefined;
        for (let i = 0; i < turns; i++) {
          // A clockwise quarter turn: what was at the bottom-left comes to the top-left.
          f = { left: 1 - f.top - f.height, top: f.left, width: f.height, height: f.width };
        }
        break;
      }
      case 'crop': {
        const b = op.box;
        const left = Math.max(f.left, b.left);
        const top = Math.max(f.top, b.top);
        const right = Math.min(f.left + f.width, b.left + b.width);
        const bottom = Math.min(f.top + f.height, b.top + b.height);
        f =
          right <= left || bottom <= top
            ? undefined
            : {
                left: (left - b.left) / b.width,
                top: (top - b.top) / b.height,
                width: (right - left) / b.width,
                height: (bottom - top) / b.height,
              };
        break;
      }
    }
  }
  return f;
}

/** Applies effects to a fitted output, in the order listed. */
export async function applyEffects(
  image: RawImage,
  operations: readonly EffectOperation[],
): Promise<RawImage> {
  let current = image;
  for (const op of operations) {
    const pipeline = sharpOf(current);
    switch (op.op) {
      case 'greyscale':
        // No saturation rather than .greyscale(): the same channels (and any alpha) stay.
        pipeline.modulate({ saturation: 0 });
        break;
      case 'brightness':
        pipeline.modulate({ brightness: op.factor });
        break;
      case 'saturation':
        pipeline.modulate({ saturation: op.factor });
        break;
      case 'contrast':
        // Stretch around mid-grey; sharp leaves alpha alone.
        pipeline.linear(op.factor, 128 * (1 - op.factor));
        break;
      case 'blur':
        pipeline.blur(op.sigma);
        break;
      case 'sharpen':
        pipeline.sharpen(op.sigma === undefined ? undefined : { sigma: op.sigma });
        break;
      case 'watermark': {
        const overlay = await drawWatermark(op, current.width, current.height);
        if (!overlay) continue;
        pipeline.composite([
          {
            input: overlay.data,
            raw: { width: overlay.width, height: overlay.height, channels: 4 },
            gravity: op.position,
          },
        ]);
        break;
      }
    }
    const next = await toRaw(pipeline);
    // Compositing adds an alpha channel; an opaque output stays without one.
    current =
      next.channels > current.channels && current.channels % 2 === 1
        ? await toRaw(sharpOf(next).removeAlpha())
        : next;
  }
  return current;
}

import sharp, { type Sharp } from 'sharp';
import type { WatermarkOperation } from '../presets/types.js';

/** An RGBA overlay, already faded to its opacity and padded by its margin, ready to composite. */
export interface Overlay {
  data: Buffer;
  width: number;
  height: number;
}

/** SVG marks are rasterised at this density (dpi) unless they must be drawn larger. */
const SVG_DENSITY = 72;
const MAX_SVG_DENSITY = 2400;

const escapeMarkup = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!,
  );

/**
 * Draws a preset's watermark for an output of `width`×`height`: at most `size` of each side,
 * `margin` away from the edges (the padding is part of the overlay, so the gravity keeps it),
 * and faded to `opacity`. Text is laid out by Pango with the fonts fontconfig finds, or with
 * `fontFile`; an image mark is scaled to fit, SVG drawn at the density that size needs.
 */
export async function drawWatermark(
  mark: WatermarkOperation,
  width: number,
  height: number,
): Promise<Overlay | undefined> {
  const margin = Math.round(mark.margin * Math.min(width, height));
  const boxW = Math.min(Math.floor(mark.size * width), width - 2 * margin);
  const boxH = Math.min(Math.floor(mark.size * height), height - 2 * margin);
  // An output too small to hold any mark gets none rather than a smudge.
  if (boxW < 4 || boxH < 4) return undefined;

  let drawn: Sharp;
  if (mark.text !== undefined) {
    drawn = sharp({
      text: {
        text: `<span foreground="${mark.colour}">${escapeMarkup(mark.text)}</span>`,
        font: mark.font,
        ...(mark.fontFile ? { fontfile: mark.fontFile.path } : {}),
        rgba: true,
        // Width and height together make libvips pick the largest size that fits the box; one line.
        width: boxW,
        height: boxH,
        wrap: 'none',
      },
    });
  } else {
    const data = mark.image!.data;
    const meta = await sharp(data).metadata();
    const density =
      meta.format === 'svg'
        ? Math.min(
            MAX_SVG_DENSITY,
            Math.max(SVG_DENSITY, SVG_DENSITY * Math.max(boxW / meta.width, boxH / meta.height)),
          )
        : undefined;
    drawn = sharp(data, density ? { density } : {}).resize(boxW, boxH, {
      fit: 'inside',
      withoutEnlargement: false,
    });
  }
  // Raw between steps: sharp applies one pipeline's operations in its own order, not call order.
  const sized = await drawn.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const { data, info } = await sharp(sized.data, {
    raw: { width: sized.info.width, height: sized.info.height, channels: 4 },
  })
    // Fade: scale only the alpha channel.
    .linear([1, 1, 1, mark.opacity], [0, 0, 0, 0])
    .extend({
      top: margin,
      bottom: margin,
      left: margin,
      right: margin,
      background: { r: 0, g: 0, b: 0, alpha: 0 },
    })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

import type { Sharp } from 'sharp';
import type { Box } from '../model/box.js';
import type { OutputFormat } from '../model/formats.js';
import { isEffect, isGeometry, isSmartCrop } from '../presets/types.js';
import type { DecodedImage } from './decode.js';
import {
  applyEffects,
  applyGeometry,
  focusAfterGeometry,
  sharpOf,
  toRaw,
  type RawImage,
} from './effects.js';
import type { Plan } from './plan.js';

export interface EncodedVariant {
  name: string;
  format: OutputFormat;
  width: number;
  height: number;
  data: Buffer;
}

/**
 * Makes every planned output from the working copy: each output's pixels once (geometry, fit,
 * effects), then every format encoded in parallel. A smart crop keeps `focus` (e.g. the detected
 * faces) in view when given; otherwise libvips' attention strategy picks the most interesting
 * region. A plain cover fit crops around the centre.
 */
export async function renderVariants(
  decoded: DecodedImage,
  options: { focus?: Box } = {},
): Promise<{ variants: EncodedVariant[]; variantsMs: number }> {
  const started = performance.now();
  const perOutput = await Promise.all(
    decoded.plans.map(async (plan) => {
      const pixels = await renderOutput(decoded.working, plan, options.focus);
      return Promise.all(
        plan.spec.formats.map(async (format): Promise<EncodedVariant> => {
          const image = encode(sharpOf(pixels), format, plan.spec.quality);
          const { data, info } = await image.toBuffer({ resolveWithObject: true });
          return { name: plan.spec.name, format, width: info.width, height: info.height, data };
        }),
      );
    }),
  );
  return { variants: perOutput.flat(), variantsMs: Math.round(performance.now() - started) };
}

/** One output's pixels: geometry on the working copy, the fit to the planned size, then effects. */
async function renderOutput(working: RawImage, plan: Plan, focus?: Box): Promise<RawImage> {
  const operations = plan.spec.operations ?? [];
  const geometry = operations.filter(isGeometry);
  const source = geometry.length > 0 ? await applyGeometry(working, geometry) : working;
  let fitted: Sharp;
  if (plan.spec.fit === 'cover') {
    const smart = operations.some(isSmartCrop);
    const window = smart && focus ? focusAfterGeometry(focus, geometry) : undefined;
    fitted = window
      ? coverAround(source, plan, window)
      : sharpOf(source).resize(plan.width, plan.height, {
          fit: 'cover',
          position: smart ? 'attention' : 'centre',
        });
  } else {
    fitted = sharpOf(source).resize(plan.width, plan.height, { fit: 'fill' });
  }
  return applyEffects(await toRaw(fitted), operations.filter(isEffect));
}

/** Scales to cover the box, then cuts the window whose centre is nearest the focus's centre. */
function coverAround(source: RawImage, plan: Plan, focus: Box): Sharp {
  const { width: W, height: H } = source;
  const scale = Math.max(plan.width / W, plan.height / H);
  const scaledW = Math.max(plan.width, Math.round(W * scale));
  const scaledH = Math.max(plan.height, Math.round(H * scale));
  const centreX = (focus.left + focus.width / 2) * scaledW;
  const centreY = (focus.top + focus.height / 2) * scaledH;
  const clamp = (value: number, max: number) => Math.min(Math.max(0, Math.round(value)), max);
  return sharpOf(source)
    .resize(scaledW, scaledH, { fit: 'fill' })
    .extract({
      left: clamp(centreX - plan.width / 2, scaledW - plan.width),
      top: clamp(centreY - plan.height / 2, scaledH - plan.height),
      width: plan.width,
      height: plan.height,
    });
}

function encode(image: Sharp, format: OutputFormat, quality = 80): Sharp {
  switch (format) {
    case 'jpeg':
      // JPEG has no alpha: transparent areas become white rather than whatever colour they hid.
      return image.flatten({ background: '#ffffff' }).jpeg({ quality, progressive: true });
    case 'webp':
      return image.webp({ quality });
    case 'avif':
      return image.avif({ quality: Math.round(quality * 0.65) });
    case 'png':
      return image.png({ compressionLevel: 9 });
  }
}

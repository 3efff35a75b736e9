import type { ImageRecord } from '../../../model/image.js';
import { renderImageHtml, type MarkupVariant } from '../../../model/markup.js';
import type { PresetCatalog } from '../../../presets/catalog.js';
import type { ImageResolvers } from '../../../schema/generated/resolvers-types.js';
import type { ApiContext } from '../../context.js';
import { badUserInput } from '../../errors.js';

/** Longer `sizes`/`alt` values are mistakes (or abuse), not markup anyone needs. */
const MAX_ATTRIBUTE_LENGTH = 1000;

function checkAttribute(name: 'sizes' | 'alt', value: string | null | undefined) {
  if (value == null) return;
  if (value.length > MAX_ATTRIBUTE_LENGTH) {
    throw badUserInput(`${name} must be at most ${MAX_ATTRIBUTE_LENGTH} characters`, name);
  }
  // alt="" is meaningful (a decorative image); an empty sizes is not.
  if (name === 'sizes' && value.trim() === '') {
    throw badUserInput('sizes must not be empty; omit it for the default', name);
  }
}

/**
 * Each output's look, from the image's preset: its operations as JSON, or "" for a plain
 * rendition. The smart crop only chooses the window and sharpening only restores detail lost in
 * resizing, so neither makes another picture. Unknown when the preset has since left the presets
 * file: every variant then counts as plain.
 */
function looksOf(record: ImageRecord, presets: PresetCatalog): Map<string, string> {
  const outputs = presets.get(record.preset)?.outputs ?? [];
  return new Map(
    outputs.map((output) => {
      const operations = (output.operations ?? []).filter(
        (op) => !('smart' in op) && op.op !== 'sharpen',
      );
      return [output.name, operations.length > 0 ? JSON.stringify(operations) : ''];
    }),
  );
}

/** Widths an on-demand srcset offers (CSS pixels): common layout and screen widths. */
export const BREAKPOINTS = [320, 480, 640, 768, 960, 1280, 1600, 1920, 2560];

/**
 * The srcset widths for an image `width` pixels wide: the breakpoints below it and the width
 * itself (never enlarged), within DELIVERY_MAX_SIDE; with DELIVERY_SIZES, those sizes instead.
 */
export function srcsetWidths(width: number, maxSide: number, sizes?: readonly number[]): number[] {
  const top = Math.min(width, maxSide);
  if (sizes) {
    const fitting = sizes.filter((w) => w <= top);
    return fitting.length > 0 ? [...new Set(fitting)].sort((a, b) => a - b) : [Math.min(...sizes)];
  }
  return [...BREAKPOINTS.filter((w) => w < top), top];
}

/**
 * On-demand renders as markup candidates. `AUTO` URLs are labelled jpeg, the format every browser
 * shows, so they fill the `<img>`; PICTURE adds AVIF and WebP sources.
 */
function onDemandCandidates(
  record: ImageRecord,
  ctx: ApiContext,
  withSources: boolean,
): MarkupVariant[] {
  const { width, height } = record as { width: number; height: number };
  const formats = withSources ? (['auto', 'avif', 'webp'] as const) : (['auto'] as const);
  return srcsetWidths(width, ctx.config.DELIVERY_MAX_SIDE, ctx.config.DELIVERY_SIZES).flatMap(
    (w) => {
      // A DELIVERY_SIZES width above the original's is delivered at the original's (clamped).
      const shown = Math.min(w, width);
      const shownHeight = Math.max(1, Math.round((shown * height) / width));
      return formats.map((format) => ({
        url: ctx.delivery.transform(record, { width: w, fit: 'inside', format, dpr: 1 }),
        width: shown,
        height: shownHeight,
        format: format === 'auto' ? 'jpeg' : format,
      }));
    },
  );
}

/** `Image.html`: responsive markup over delivery URLs. */
export const html: NonNullable<ImageResolvers['html']> = (record, args, ctx) => {
  checkAttribute('sizes', args.sizes);
  checkAttribute('alt', args.alt);
  if (record.status !== 'PROCESSED') return null;
  const kind = args.kind ?? 'IMG_SRCSET';
  let variants: MarkupVariant[];
  if (kind !== 'AMP_IMG' && record.width && record.height) {
    variants = onDemandCandidates(record, ctx, kind === 'PICTURE');
  } else {
    const looks = looksOf(record, ctx.config.presets);
    variants = record.variants.map((variant) => ({
      ...variant,
      look: looks.get(variant.name) ?? '',
      url: ctx.delivery.variant(record, variant),
    }));
  }
  return (
    renderImageHtml(record, variants, {
      // An explicit null asks for the default like an omitted argument.
      kind,
      sizes: args.sizes ?? null,
      alt: args.alt ?? null,
    }) ?? null
  );
};

import type { ImageRecord } from '../../../model/image.js';
import { renderImageHtml } from '../../../model/markup.js';
import type { PresetCatalog } from '../../../presets/catalog.js';
import type { ImageResolvers } from '../../../schema/generated/resolvers-types.js';
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

/** `Image.html`: responsive markup over the variants, with URLs signed for this request. */
export const html: NonNullable<ImageResolvers['html']> = async (record, args, ctx) => {
  checkAttribute('sizes', args.sizes);
  checkAttribute('alt', args.alt);
  if (record.status !== 'PROCESSED') return null;
  const looks = looksOf(record, ctx.config.presets);
  const variants = await Promise.all(
    record.variants.map(async (variant) => ({
      ...variant,
      look: looks.get(variant.name) ?? '',
      url: await ctx.signer.downloadUrl(
        ctx.config.VARIANTS_BUCKET,
        variant.key,
        ctx.config.DOWNLOAD_URL_TTL_SECONDS,
      ),
    })),
  );
  return (
    renderImageHtml(record, variants, {
      // An explicit null asks for the default like an omitted argument.
      kind: args.kind ?? 'IMG_SRCSET',
      sizes: args.sizes ?? null,
      alt: args.alt ?? null,
    }) ?? null
  );
};

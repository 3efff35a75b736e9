import type { ImageRecord, VariantRecord } from '../../../model/image.js';
import { servedKey } from '../../../model/keys.js';
import type { ApiContext } from '../../context.js';
import { badUserInput, forbidden, notFound } from '../../errors.js';
import { checkId } from '../arguments.js';

/** The longest reason rejectImage takes: it is shown to the owner and carried in events. */
export const MAX_REVIEW_NOTE = 500;

export const requireAdmin = (ctx: ApiContext, what: string) => {
  if (!ctx.admin) throw forbidden(`${what} needs the admin group`);
};

const notHeld = (image: ImageRecord) =>
  badUserInput(
    `Image ${image.id} is ${image.status}, not IN_REVIEW: ${
      image.review?.decision
        ? `it was already ${image.review.decision === 'APPROVED' ? 'approved' : 'rejected'} by ${image.review.by ?? 'someone'}`
        : 'only images held for review can be approved or rejected'
    }.`,
    'id',
  );

/** The image held for review that a decision names, for an admin; refusals as the schema says. */
export async function heldImage(ctx: ApiContext, rawId: string, what: string) {
  requireAdmin(ctx, what);
  const id = checkId(rawId);
  const image = await ctx.images.get(id);
  if (!image) throw notFound(rawId);
  if (image.status !== 'IN_REVIEW') throw notHeld(image);
  return image;
}

/** After a refused decision write: why, from the image as it is now. */
export async function refusal(ctx: ApiContext, id: string) {
  const now = await ctx.images.get(id);
  return now ? notHeld(now) : notFound(id);
}

/** The held variants as they will be served once approved. */
export const servedVariants = (image: ImageRecord): VariantRecord[] =>
  image.variants.map((variant) => ({ ...variant, key: servedKey(variant.key) }));

/** Each held variant's key and the key it is served from once approved. */
export const heldCopies = (image: ImageRecord) =>
  image.variants
    .map((variant) => ({ from: variant.key, to: servedKey(variant.key) }))
    .filter((copy) => copy.from !== copy.to);

/** Removes held copies after a decision; a leftover is logged, never a failed decision. */
export async function removeHeld(ctx: ApiContext, image: ImageRecord): Promise<void> {
  const held = heldCopies(image).map((copy) => copy.from);
  if (held.length === 0) return;
  try {
    await ctx.objects.removeVariants(held);
  } catch (error) {
    ctx.logger.error('review decided but held variants were not removed', {
      imageId: image.id,
      keys: held,
      error: error as Error,
    });
  }
}

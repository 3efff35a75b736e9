import type { MutationResolvers } from '../../../schema/generated/resolvers-types.js';
import {
  heldCopies,
  heldImage,
  refusal,
  removeHeld,
  servedVariants,
} from '../moderation/decide.js';

/**
 * Serves an image held for review: its held variants are copied to the keys delivery serves,
 * then one conditional write (still IN_REVIEW, same generation) makes it PROCESSED with those
 * keys and the decision. A refused write (another admin decided, the owner deleted it) removes
 * the copies again; an approval that fails half-way can simply be asked for again.
 */
export const approveImage: MutationResolvers['approveImage'] = async (_, args, ctx) => {
  const image = await heldImage(ctx, args.id, 'approveImage');
  const copies = heldCopies(image);
  await ctx.objects.copyVariants(copies);
  const approved = await ctx.reviews.approve(
    image.id,
    { by: ctx.owner, at: ctx.now(), generation: image.generation ?? 0 },
    servedVariants(image),
  );
  if (!approved) {
    await ctx.objects.removeVariants(copies.map((copy) => copy.to)).catch(() => undefined);
    throw await refusal(ctx, image.id);
  }
  await removeHeld(ctx, image);
  ctx.logger.info('image approved in review', { imageId: image.id, by: ctx.owner });
  return approved;
};

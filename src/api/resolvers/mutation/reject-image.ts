import type { MutationResolvers } from '../../../schema/generated/resolvers-types.js';
import { badUserInput } from '../../errors.js';
import { MAX_REVIEW_NOTE, heldImage, refusal, removeHeld } from '../moderation/decide.js';

/** Rejects an image held for review with the admin's reason; its held variants are deleted. */
export const rejectImage: MutationResolvers['rejectImage'] = async (_, args, ctx) => {
  const image = await heldImage(ctx, args.id, 'rejectImage');
  const note = args.reason.trim();
  if (note.length === 0 || note.length > MAX_REVIEW_NOTE) {
    throw badUserInput(
      `reason must be 1 to ${MAX_REVIEW_NOTE} characters (not counting blanks around it); got ${note.length}`,
      'reason',
    );
  }
  const rejected = await ctx.reviews.reject(
    image.id,
    { by: ctx.owner, at: ctx.now(), generation: image.generation ?? 0 },
    note,
  );
  if (!rejected) throw await refusal(ctx, image.id);
  await removeHeld(ctx, image);
  ctx.logger.info('image rejected in review', { imageId: image.id, by: ctx.owner });
  return rejected;
};

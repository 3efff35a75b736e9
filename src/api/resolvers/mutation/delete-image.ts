import type { MutationResolvers } from '../../../schema/generated/resolvers-types.js';
import { notFound } from '../../errors.js';
import { checkId } from '../arguments.js';

/**
 * Deletes the record first, atomically and only if it is the caller's, getting back exactly what
 * it listed; then the original, those variants and every on-demand render, and (on AWS) the
 * CDN's cached copies. A processor still working on the image finds
 * the record gone when it tries to complete and removes what it wrote itself.
 */
export const deleteImage: MutationResolvers['deleteImage'] = async (_, args, ctx) => {
  const id = checkId(args.id);
  const deleted = await ctx.images.deleteOwned(id, ctx.owner);
  if (!deleted) throw notFound(args.id);
  const variantKeys = deleted.variants.map((v) => v.key);
  try {
    await Promise.all([
      ctx.objects.remove(deleted.originalKey, variantKeys),
      ctx.objects.removeRenders(id),
      ctx.cdn.forgetImage(id),
    ]);
  } catch (error) {
    // The image is gone for its owner either way; leftovers are for the operator (keys logged).
    ctx.logger.error('image deleted but some of its objects were not', {
      imageId: id,
      keys: [deleted.originalKey, ...variantKeys],
      error: error as Error,
    });
  }
  return true;
};

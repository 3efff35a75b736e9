import type { QueryResolvers } from '../../../schema/generated/resolvers-types.js';
import { connection, decodeCursor, pageSize } from '../cursor.js';
import { requireAdmin } from '../moderation/decide.js';

/** Every owner's images held for review, oldest first, for the admin group. */
export const moderationQueue: QueryResolvers['moderationQueue'] = async (
  _,
  { first, after },
  ctx,
) => {
  requireAdmin(ctx, 'moderationQueue');
  const page = await ctx.reviews.queue(
    pageSize(first),
    after != null ? decodeCursor(after) : undefined,
  );
  // The cursor holds the image's place in the queue: when it was held, and its id.
  return connection(page, (image) => ({
    id: image.id,
    createdAt: image.review?.since ?? image.updatedAt,
  }));
};

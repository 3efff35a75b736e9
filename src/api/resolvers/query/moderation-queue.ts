import type { QueryResolvers } from '../../../schema/generated/resolvers-types.js';
import { badUserInput } from '../../errors.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { requireAdmin } from '../moderation/decide.js';
import { MAX_PAGE_SIZE } from './images.js';

const DEFAULT_PAGE_SIZE = 20;

/** Every owner's images held for review, oldest first, for the admin group. */
export const moderationQueue: QueryResolvers['moderationQueue'] = async (
  _,
  { first, after },
  ctx,
) => {
  requireAdmin(ctx, 'moderationQueue');
  const limit = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 1 and ${MAX_PAGE_SIZE}; got ${limit}`, 'first');
  }
  // The cursor holds the image's place in the queue: when it was held, and its id.
  const page = await ctx.reviews.queue(limit, after != null ? decodeCursor(after) : undefined);
  const edges = page.items.map((node) => ({
    cursor: encodeCursor({ id: node.id, createdAt: node.review?.since ?? node.updatedAt }),
    node,
  }));
  return {
    edges,
    pageInfo: { hasNextPage: page.hasMore, endCursor: edges.at(-1)?.cursor ?? null },
  };
};

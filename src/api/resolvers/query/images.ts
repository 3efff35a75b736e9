import type { QueryResolvers } from '../../../schema/generated/resolvers-types.js';
import { badUserInput } from '../../errors.js';
import { decodeCursor, encodeCursor } from '../cursor.js';

export const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 20;

/** The caller's images, newest first, as a Relay connection. */
export const images: QueryResolvers['images'] = async (_, { first, after, status }, ctx) => {
  const limit = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 1 and ${MAX_PAGE_SIZE}; got ${limit}`, 'first');
  }
  const page = await ctx.images.listByOwner(ctx.owner, limit, {
    ...(after != null ? { after: decodeCursor(after) } : {}),
    ...(status != null ? { status } : {}),
  });
  const edges = page.items.map((node) => ({ cursor: encodeCursor(node), node }));
  return {
    edges,
    pageInfo: { hasNextPage: page.hasMore, endCursor: edges.at(-1)?.cursor ?? null },
  };
};

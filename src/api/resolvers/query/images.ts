import type { QueryResolvers } from '../../../schema/generated/resolvers-types.js';
import { connection, decodeCursor, pageSize } from '../cursor.js';

/** The caller's images, newest first, as a Relay connection. */
export const images: QueryResolvers['images'] = async (_, { first, after, status }, ctx) => {
  const page = await ctx.images.listByOwner(ctx.owner, pageSize(first), {
    ...(after != null ? { after: decodeCursor(after) } : {}),
    ...(status != null ? { status } : {}),
  });
  return connection(page);
};

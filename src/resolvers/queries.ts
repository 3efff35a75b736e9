import type { QueryResolvers } from '../schema/generated/resolvers-types.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { badUserInput } from './errors.js';
import { metrics } from './metrics.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 20;

export function checkId(id: string): string {
  if (!UUID.test(id)) throw badUserInput(`id must be an image id (a UUID); got "${id}"`, 'id');
  return id.toLowerCase();
}

export const queries: QueryResolvers = {
  image: async (_, { id }, ctx) => (await ctx.images.getOwned(checkId(id), ctx.owner)) ?? null,

  imageStatus: async (_, { id }, ctx) => {
    const image = await ctx.images.getOwned(checkId(id), ctx.owner);
    return image
      ? {
          id: image.id,
          status: image.status,
          error: image.error,
          errorCode: image.errorCode,
          updatedAt: image.updatedAt,
        }
      : null;
  },

  images: async (_, { first, after, status }, ctx) => {
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
  },

  metrics,
};

import type { QueryResolvers } from '../../../schema/generated/resolvers-types.js';
import { checkId } from '../arguments.js';

/** One of the caller's images; another owner's is indistinguishable from none. */
export const image: QueryResolvers['image'] = async (_, { id }, ctx) =>
  (await ctx.images.getOwned(checkId(id), ctx.owner)) ?? null;

import type { QueryResolvers } from '../../../schema/generated/resolvers-types.js';
import { checkId } from '../arguments.js';

/** The cheap poll: status, error, updatedAt. */
export const imageStatus: QueryResolvers['imageStatus'] = async (_, { id }, ctx) => {
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
};

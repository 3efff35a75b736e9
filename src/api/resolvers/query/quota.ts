import type { QueryResolvers } from '../../../schema/generated/resolvers-types.js';
import { nextUtcMidnight } from '../../../table/quotas.js';

/** The caller's usage against each limit: one BatchGetItem of two items, whatever the history. */
export const quota: QueryResolvers['quota'] = async (_, __, ctx) => {
  const now = ctx.now();
  const usage = await ctx.quotas.usage(ctx.owner, now);
  const resetsAt = nextUtcMidnight(now).toISOString();
  const { QUOTA_UPLOADS_PER_DAY, QUOTA_STORED_BYTES, QUOTA_RENDERS_PER_DAY } = ctx.config;
  return {
    uploadsPerDay: {
      name: 'UPLOADS_PER_DAY',
      used: usage.uploads,
      limit: QUOTA_UPLOADS_PER_DAY,
      resetsAt,
    },
    storedBytes: {
      name: 'STORED_BYTES',
      used: usage.storedBytes,
      limit: QUOTA_STORED_BYTES,
      resetsAt: null,
    },
    rendersPerDay: {
      name: 'RENDERS_PER_DAY',
      used: usage.renders,
      limit: QUOTA_RENDERS_PER_DAY,
      resetsAt,
    },
  };
};

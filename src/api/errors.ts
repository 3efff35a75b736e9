import { ApolloServerErrorCode } from '@apollo/server/errors';
import { GraphQLError } from 'graphql';
import type { QuotaExceededError, QuotaName } from '../table/quotas.js';

/** The caller sent something the API cannot accept; the message says what and how to fix it. */
export const badUserInput = (message: string, field?: string) =>
  new GraphQLError(message, {
    extensions: { code: ApolloServerErrorCode.BAD_USER_INPUT, ...(field ? { field } : {}) },
  });

/** The caller is known but may not do this; the message says what it would take. */
export const forbidden = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });

/**
 * A mutation named an image the caller cannot see: missing and another owner's answer alike, so
 * ids of other callers' images reveal nothing.
 */
export const notFound = (id: string) =>
  new GraphQLError(`No image ${id}`, { extensions: { code: 'NOT_FOUND', field: 'id' } });

/** reprocessImage of an image whose original expired (or was removed): nothing to process. */
export const originalMissing = (id: string) =>
  new GraphQLError(
    `Image ${id} cannot be reprocessed: its original is no longer stored (it expired or was removed). Upload the picture again.`,
    { extensions: { code: 'ORIGINAL_MISSING', field: 'id' } },
  );

/** What each refusal says, in words. */
const QUOTA_MESSAGES: Record<QuotaName, (refusal: QuotaExceededError) => string> = {
  UPLOADS_PER_DAY: ({ limit, used, resetsAt }) =>
    `Quota exceeded: ${used} of ${limit} uploads per day (UTC) used; more from ${resetsAt?.toISOString()}.`,
  STORED_BYTES: ({ limit, used }) =>
    `Quota exceeded: ${used} bytes stored (originals and variants) of ${limit} allowed; delete images to make room.`,
  RENDERS_PER_DAY: ({ limit, used, resetsAt }) =>
    `Quota exceeded: ${used} of ${limit} on-demand renders per day (UTC) used; more from ${resetsAt?.toISOString()}.`,
};

/**
 * A quota refused the request and nothing was written: which one, its limit, what is used, and
 * (per-day quotas) when it resets. Stored bytes come back only when images are deleted.
 */
export function quotaExceeded(refusal: QuotaExceededError): GraphQLError {
  const { quota, limit, used, resetsAt } = refusal;
  return new GraphQLError(QUOTA_MESSAGES[quota](refusal), {
    extensions: {
      code: 'QUOTA_EXCEEDED',
      quota,
      limit,
      used,
      ...(resetsAt ? { resetsAt: resetsAt.toISOString() } : {}),
    },
  });
}

import type { ImageResolvers } from '../../../schema/generated/resolvers-types.js';

/** How long an admin's look at a held variant lasts. */
export const REVIEW_URL_SECONDS = 300;
/** The held variant shown: the largest no wider or taller than this (else the smallest). */
const PREVIEW_SIDE = 1600;

/**
 * A presigned GET of one held variant, for the admin group while the image is IN_REVIEW: not a
 * delivery URL (nothing serves held variants), short-lived, and null for everyone else.
 */
export const reviewUrl: ImageResolvers['reviewUrl'] = async (record, _, ctx) => {
  if (!ctx.admin || record.status !== 'IN_REVIEW' || record.variants.length === 0) return null;
  const bySize = [...record.variants].sort((a, b) => a.width * a.height - b.width * b.height);
  const fitting = bySize.filter((v) => Math.max(v.width, v.height) <= PREVIEW_SIDE);
  const shown = fitting.at(-1) ?? bySize[0]!;
  return ctx.signer.download(ctx.config.VARIANTS_BUCKET, shown.key, REVIEW_URL_SECONDS);
};

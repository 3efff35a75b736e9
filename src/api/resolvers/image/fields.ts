import type { ImageResolvers } from '../../../schema/generated/resolvers-types.js';
import { html } from './html.js';
import { reviewUrl } from './review-url.js';
import { transformUrl } from './transform-url.js';

export const image: ImageResolvers = {
  // Held variants have no delivery URL: nothing serves them until an admin approves the image.
  variants: (record, _, ctx) =>
    (record.status === 'IN_REVIEW' ? [] : record.variants).map((variant) => ({
      name: variant.name,
      width: variant.width,
      height: variant.height,
      format: variant.format,
      bytes: variant.bytes,
      url: ctx.delivery.variant(record, variant),
    })),
  timings: (record) => record.timings ?? null,
  warnings: (record) => record.warnings ?? [],
  faces: (record) =>
    (record.faces ?? []).map((face) => ({
      box: face.box,
      confidence: face.confidence,
      ageRange: face.ageRange ?? null,
      emotions: face.emotions ?? [],
      landmarks: face.landmarks ?? [],
    })),
  moderation: (record) =>
    record.moderation
      ? {
          ...record.moderation,
          reviewThreshold: record.moderation.reviewThreshold ?? record.moderation.threshold,
          labels: record.moderation.labels.map((label) => ({
            ...label,
            parent: label.parent ?? null,
          })),
        }
      : null,
  review: (record) =>
    record.review
      ? {
          reason: record.review.reason,
          since: record.review.since,
          reminders: record.review.reminders ?? 0,
          decision: record.review.decision ?? null,
          by: record.review.by ?? null,
          at: record.review.at ?? null,
          note: record.review.note ?? null,
        }
      : null,
  // Found among the same owner's images, but read as theirs anyway: it may since have gone.
  duplicateOf: async (record, _, ctx) => {
    if (!record.duplicateOf) return null;
    const other = await ctx.loaders.images.load(record.duplicateOf);
    return other && other.owner === record.owner ? other : null;
  },
  reviewUrl,
  labels: (record) =>
    (record.labels ?? []).map((label) => ({ ...label, parents: label.parents ?? [] })),
  // Only a PROCESSED image has them; a reprocessed one that then failed may keep stale values.
  placeholder: (record) => (record.status === 'PROCESSED' ? (record.placeholder ?? null) : null),
  dominantColor: (record) =>
    record.status === 'PROCESSED' ? (record.dominantColor ?? null) : null,
  phash: (record) => (record.status === 'PROCESSED' ? (record.phash ?? null) : null),
  html,
  transformUrl,
};

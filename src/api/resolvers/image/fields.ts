import type { ImageResolvers } from '../../../schema/generated/resolvers-types.js';
import { html } from './html.js';

export const image: ImageResolvers = {
  // Variant URLs are signed per request so they always expire DOWNLOAD_URL_TTL_SECONDS from now.
  variants: (record, _, ctx) =>
    Promise.all(
      record.variants.map(async (variant) => ({
        name: variant.name,
        width: variant.width,
        height: variant.height,
        format: variant.format,
        bytes: variant.bytes,
        url: await ctx.signer.downloadUrl(
          ctx.config.VARIANTS_BUCKET,
          variant.key,
          ctx.config.DOWNLOAD_URL_TTL_SECONDS,
        ),
      })),
    ),
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
          labels: record.moderation.labels.map((label) => ({
            ...label,
            parent: label.parent ?? null,
          })),
        }
      : null,
  labels: (record) =>
    (record.labels ?? []).map((label) => ({ ...label, parents: label.parents ?? [] })),
  // Only a PROCESSED image has them; a reprocessed one that then failed may keep stale values.
  placeholder: (record) => (record.status === 'PROCESSED' ? (record.placeholder ?? null) : null),
  dominantColor: (record) =>
    record.status === 'PROCESSED' ? (record.dominantColor ?? null) : null,
  phash: (record) => (record.status === 'PROCESSED' ? (record.phash ?? null) : null),
  html,
};

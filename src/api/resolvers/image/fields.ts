import type { ImageResolvers } from '../../../schema/generated/resolvers-types.js';
import { html } from './html.js';
import { transformUrl } from './transform-url.js';

export const image: ImageResolvers = {
  variants: (record, _, ctx) =>
    record.variants.map((variant) => ({
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
  transformUrl,
};

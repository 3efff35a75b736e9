/**
 * From measured class probabilities to the gate's decisions: each configuration (one model, or
 * several that must agree) through the analyser's own mapping (mapNsfw) and the processor's own
 * gate (moderationGate), at each pair of thresholds.
 */
import { moderationGate } from '../../src/processor/analysis/gate.js';
import { mapNsfw } from '../../src/processor/analysis/local/mapping.js';
import type { NsfwModelName } from '../../src/processor/analysis/local/runtime.js';
import type { Measured } from './measure.js';

/** One way to run moderation: these models, a label counting only as far as all of them agree. */
export type ModelSet = readonly NsfwModelName[];

export const setName = (models: ModelSet) => models.join(' + ');

export interface Thresholds {
  review: number;
  reject: number;
}

export interface Outcome {
  models: ModelSet;
  thresholds: Thresholds;
  rejected: string[];
  inReview: string[];
  /** Mean milliseconds per image: face detection plus every model of the set. */
  msPerImage: number;
}

/** The highest confidence any reject-listed label reaches for the image with this set. */
export function explicitScore(image: Measured, models: ModelSet): number {
  // The gate at 0 lists every reject-listed label, most confident first.
  const verdict = moderationGate(mapNsfw(votesOf(image, models), 0), { threshold: 0 });
  return verdict.reasons[0]?.confidence ?? 0;
}

function votesOf(image: Measured, models: ModelSet) {
  return models.map((model) => {
    const vote = image.byModel[model];
    if (!vote) throw new Error(`${image.file} was not measured with ${model}`);
    return vote;
  });
}

export function outcome(
  images: readonly Measured[],
  models: ModelSet,
  thresholds: Thresholds,
): Outcome {
  const rejected: string[] = [];
  const inReview: string[] = [];
  let ms = 0;
  for (const image of images) {
    const verdict = moderationGate(mapNsfw(votesOf(image, models), 0.01), {
      threshold: thresholds.reject,
      reviewThreshold: thresholds.review,
    });
    if (verdict.decision === 'REJECTED') rejected.push(image.file);
    if (verdict.decision === 'IN_REVIEW') inReview.push(image.file);
    ms += image.facesMs + models.reduce((sum, model) => sum + image.byModel[model]!.ms, 0);
  }
  return {
    models,
    thresholds,
    rejected,
    inReview,
    msPerImage: images.length ? ms / images.length : 0,
  };
}

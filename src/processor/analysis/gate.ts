/**
 * The moderation gate: a pure decision from the analyser's moderation labels. An image is
 * REJECTED when any label that is listed, or that sits under a listed label in Rekognition's
 * taxonomy, has a confidence at or above the threshold; IN_REVIEW (a person decides) when the
 * most confident such label is at or above the review threshold but below the reject one.
 */
import { DEFAULT_REJECT_LABELS, DEFAULT_REJECT_THRESHOLD } from '../../config/analysis.js';
import type { ModerationLabel, ModerationVerdict } from '../../model/analysis.js';

export interface GateOptions {
  /** Ratio 0..1; a matching label at or above it rejects. Default 0.8 (DEFAULT_THRESHOLD). */
  threshold?: number;
  /** Ratio 0..threshold; a matching label at or above it holds the image for review. Default: threshold (no review). */
  reviewThreshold?: number;
  /** Label names that reject (case-insensitive), together with every label under them. */
  rejectLabels?: readonly string[];
}

/** One label that made the gate reject. */
export interface GateReason {
  label: string;
  parent?: string;
  confidence: number;
}

export interface GateVerdict extends ModerationVerdict {
  /** Every label that reached the (review) threshold, most confident first; empty when allowed. */
  reasons: GateReason[];
}

/** As the settings' default (MODERATION_THRESHOLD). */
export const DEFAULT_THRESHOLD = DEFAULT_REJECT_THRESHOLD;

const key = (name: string) => name.trim().toLowerCase();

/**
 * The label's name and its ancestors, nearest first. Rekognition gives only the direct parent
 * (`ParentName`), so grandparents are found through the parent's own label in the same response.
 */
function lineage(label: ModerationLabel, parents: Map<string, string | undefined>): string[] {
  const names = [key(label.name)];
  let parent = label.parent;
  while (parent && !names.includes(key(parent))) {
    names.push(key(parent));
    parent = parents.get(key(parent));
  }
  return names;
}

export function moderationGate(
  labels: readonly ModerationLabel[],
  options: GateOptions = {},
): GateVerdict {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const reviewThreshold = options.reviewThreshold ?? threshold;
  if (!(threshold >= 0 && threshold <= 1)) {
    throw new RangeError(`moderation threshold must be a ratio in 0..1 (got ${threshold})`);
  }
  if (!(reviewThreshold >= 0 && reviewThreshold <= threshold)) {
    throw new RangeError(
      `moderation review threshold must be a ratio in 0..${threshold} (the reject threshold); got ${reviewThreshold}`,
    );
  }
  const listed = new Set((options.rejectLabels ?? DEFAULT_REJECT_LABELS).map(key));
  const parents = new Map<string, string | undefined>();
  for (const label of labels) {
    if (!parents.get(key(label.name))) parents.set(key(label.name), label.parent || undefined);
  }

  // Every listed label from the lower threshold up, most confident first: those at or above the
  // reject threshold reject; otherwise any of them holds the image for review.
  const reached: GateReason[] = labels
    .filter((label) => label.confidence >= reviewThreshold)
    .filter((label) => lineage(label, parents).some((name) => listed.has(name)))
    .map((label) => ({
      label: label.name,
      ...(label.parent ? { parent: label.parent } : {}),
      confidence: label.confidence,
    }))
    .sort((a, b) => b.confidence - a.confidence);

  const verdict = { threshold, reviewThreshold };
  const rejecting = reached.filter((reason) => reason.confidence >= threshold);
  if (rejecting.length > 0) {
    return {
      ...verdict,
      decision: 'REJECTED',
      reasons: rejecting,
      reason: rejectionText(rejecting, threshold),
    };
  }
  if (reached.length > 0) {
    return {
      ...verdict,
      decision: 'IN_REVIEW',
      reasons: reached,
      reason: reviewText(reached, verdict),
    };
  }
  return { ...verdict, decision: 'ALLOWED', reasons: [] };
}

const percent = (ratio: number) => `${Math.round(ratio * 1000) / 10}%`;

const listing = (reasons: readonly GateReason[]) =>
  reasons
    .map((r) => `${r.label} (${percent(r.confidence)}${r.parent ? `, under ${r.parent}` : ''})`)
    .join(', ');

/** E.g. "rejected by moderation: Explicit Nudity (97.2%), Exposed Female Nipple (91%, under Explicit Nudity); threshold 50%". */
export function rejectionText(reasons: readonly GateReason[], threshold: number): string {
  return `rejected by moderation: ${listing(reasons)}; threshold ${percent(threshold)}`;
}

/** E.g. "held for review by moderation: Explicit Nudity (61%); review from 40%, reject from 85%". */
export function reviewText(
  reasons: readonly GateReason[],
  thresholds: { threshold: number; reviewThreshold: number },
): string {
  return `held for review by moderation: ${listing(reasons)}; review from ${percent(thresholds.reviewThreshold)}, reject from ${percent(thresholds.threshold)}`;
}

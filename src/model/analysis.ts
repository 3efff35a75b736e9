import type { Box } from './box.js';

/** What analysis found, as the image record stores it. Confidences are ratios in 0..1. */

export interface Face {
  box: Box;
  confidence: number;
  ageRange?: { low: number; high: number };
  emotions?: { type: string; confidence: number }[];
  /** Points as ratios of the image's width (x) and height (y). */
  landmarks?: { type: string; x: number; y: number }[];
}

export interface ModerationLabel {
  /** Rekognition taxonomy, e.g. `Explicit Nudity`, `Suggestive`. */
  name: string;
  /** The top-level category this label belongs to; absent for top-level labels. */
  parent?: string;
  confidence: number;
}

export interface Label {
  name: string;
  confidence: number;
  parents?: string[];
}

/** What the moderation gate decided, with the threshold it used and a reason users can read. */
export const MODERATION_DECISIONS = ['ALLOWED', 'IN_REVIEW', 'REJECTED'] as const;
export type ModerationDecision = (typeof MODERATION_DECISIONS)[number];

export interface ModerationVerdict {
  /** IN_REVIEW: a listed label between the review and the reject threshold; a person decides. */
  decision: ModerationDecision;
  /** The reject threshold. */
  threshold: number;
  /** At or above it (and below `threshold`) a listed label holds the image for review. */
  reviewThreshold: number;
  /** Set when rejected or held, e.g. "rejected by moderation: Explicit Nudity (97%)". */
  reason?: string;
}

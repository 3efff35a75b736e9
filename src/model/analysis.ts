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
export interface ModerationVerdict {
  decision: 'ALLOWED' | 'REJECTED';
  threshold: number;
  /** Set when rejected, e.g. "rejected by moderation: Explicit Nudity (97%)". */
  reason?: string;
}

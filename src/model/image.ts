import type { Face, Label, ModerationDecision, ModerationLabel } from './analysis.js';
import type { FailureCode } from './failure.js';

/** The image record as stored in the table (one item per image). */

export const IMAGE_STATUSES = [
  'PENDING_UPLOAD',
  'PROCESSING',
  'PROCESSED',
  'IN_REVIEW',
  'REJECTED',
  'FAILED',
] as const;
export type ImageStatus = (typeof IMAGE_STATUSES)[number];
/**
 * Where a processing run ends. IN_REVIEW is one of them: the processor is done, and only a person
 * (approveImage, rejectImage) moves the image on, to PROCESSED or REJECTED.
 */
export const TERMINAL_STATUSES = ['PROCESSED', 'IN_REVIEW', 'REJECTED', 'FAILED'] as const;
export type TerminalStatus = (typeof TERMINAL_STATUSES)[number];
export const isTerminal = (status: string): status is TerminalStatus =>
  (TERMINAL_STATUSES as readonly string[]).includes(status);

export interface VariantRecord {
  name: string;
  key: string;
  width: number;
  height: number;
  format: string;
  bytes: number;
}

export interface TimingsRecord {
  totalMs?: number;
  decodeMs?: number;
  analysisMs?: number;
  gateMs?: number;
  variantsMs?: number;
  fingerprintMs?: number;
}

export interface ModerationRecord {
  /** The gate's decision (a person's, if any, is in ImageRecord.review). */
  decision: ModerationDecision;
  threshold: number;
  /** Absent on records from before review existed (no review then). */
  reviewThreshold?: number;
  labels: ModerationLabel[];
  analyzer: string;
}

/** Why an image was held for a person, and what they decided. */
export interface ReviewRecord {
  /** What held it: the moderation gate's labels, or the duplicate it resembles. */
  reason: string;
  /** When the run that held it ended. */
  since: string;
  /** Reminders announced while it waited. */
  reminders?: number;
  decision?: 'APPROVED' | 'REJECTED';
  /** The deciding person's identity (the admin's `sub`). */
  by?: string;
  at?: string;
  /** The rejecting person's reason. */
  note?: string;
}

export interface ImageRecord {
  id: string;
  owner: string;
  status: ImageStatus;
  filename: string;
  contentType: string;
  preset: string;
  originalKey: string;
  createdAt: string;
  updatedAt: string;
  processedAt?: string;
  /** Size of the original as stored. */
  bytes?: number;
  /**
   * The original that was processed, pinned: its ETag, and its S3 version where the bucket keeps
   * versions. Reprocessing reads exactly that; bytes posted again with the same ticket are not.
   */
  originalETag?: string;
  originalVersionId?: string;
  width?: number;
  height?: number;
  format?: string;
  variants: VariantRecord[];
  timings?: TimingsRecord;
  faces?: Face[];
  moderation?: ModerationRecord;
  labels?: Label[];
  error?: string;
  errorCode?: FailureCode;
  warnings?: string[];
  /** ThumbHash, base64 (~25 bytes); PROCESSED images only, like the two below. */
  placeholder?: string;
  /** `#rrggbb`. */
  dominantColor?: string;
  /** DCT perceptual hash, 16 hex digits (64 bits). */
  phash?: string;
  /** Set when a run ended IN_REVIEW: why, and the person's decision once made. */
  review?: ReviewRecord;
  /** The owner's image this one nearly duplicates (perceptual hash), when the duplicates step found one. */
  duplicateOf?: string;
  /** How many times a worker has claimed this image (since the last reprocessImage). */
  attempts?: number;
  /**
   * How many times reprocessImage has been asked for; absent for the upload's own processing.
   * Variants of each generation have keys of their own, so new ones never overwrite those served.
   */
  generation?: number;
}

import type { Face, Label, ModerationLabel } from './analysis.js';
import type { FailureCode } from './failure.js';

/** The image record as stored in the table (one item per image). */

export const IMAGE_STATUSES = [
  'PENDING_UPLOAD',
  'PROCESSING',
  'PROCESSED',
  'REJECTED',
  'FAILED',
] as const;
export type ImageStatus = (typeof IMAGE_STATUSES)[number];
export const TERMINAL_STATUSES = ['PROCESSED', 'REJECTED', 'FAILED'] as const;
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
  decision: 'ALLOWED' | 'REJECTED';
  threshold: number;
  labels: ModerationLabel[];
  analyzer: string;
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
  /** How many times a worker has claimed this image (since the last reprocessImage). */
  attempts?: number;
  /**
   * How many times reprocessImage has been asked for; absent for the upload's own processing.
   * Variants of each generation have keys of their own, so new ones never overwrite those served.
   */
  generation?: number;
}

/** Why an image ended REJECTED or FAILED, as a stable code (the error text has the details). */
export const FAILURE_CODES = {
  NOT_AN_IMAGE: 'not a supported image',
  CORRUPT: 'corrupt or unreadable image',
  TOO_MANY_PIXELS: 'over the pixel limit',
  TOO_LARGE: 'over the upload size limit',
  TOO_MANY_FRAMES: 'too many animation frames',
  METADATA_TOO_LARGE: 'malformed metadata, or metadata over the limit',
  SUSPICIOUS_CONTENT: 'suspicious content (markup or external references)',
  TIMEOUT: 'processing took too long',
  EMPTY: 'empty upload',
  UNKNOWN_PRESET: 'unknown preset',
  ANALYSIS_FAILED: 'analysis failed',
  MODERATION: 'rejected by moderation',
  DUPLICATE: 'a near-duplicate of an image the owner already has',
  ORIGINAL_REPLACED: 'the processed original was replaced',
  ORIGINAL_MISSING: 'the original is no longer stored',
  INTERNAL: 'internal error',
} as const;

export type FailureCode = keyof typeof FAILURE_CODES;

/** The image cannot be processed as given (corrupt, not an image, too large); the reason is for users. */
export class UnprocessableImageError extends Error {
  constructor(
    readonly code: FailureCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'UnprocessableImageError';
  }
}

/** An analysis failure; `retryable` says whether trying the same image again may succeed. */
export class AnalyzerError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AnalyzerError';
  }
}

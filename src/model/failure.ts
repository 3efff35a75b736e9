/** Why an image ended REJECTED or FAILED, as a stable code (the error text has the details). */
export const FAILURE_CODES = {
  NOT_AN_IMAGE: 'not a supported image',
  CORRUPT: 'corrupt or unreadable image',
  TOO_MANY_PIXELS: 'over the pixel limit',
  TOO_LARGE: 'over the upload size limit',
  TOO_MANY_FRAMES: 'too many animation frames',
  METADATA_TOO_LARGE: 'metadata over the size limit',
  SUSPICIOUS_CONTENT: 'suspicious content (markup or external references)',
  TIMEOUT: 'processing took too long',
  EMPTY: 'empty upload',
  UNKNOWN_PRESET: 'unknown preset',
  ANALYSIS_FAILED: 'analysis failed',
  MODERATION: 'rejected by moderation',
  INTERNAL: 'internal error',
} as const;

export type FailureCode = keyof typeof FAILURE_CODES;

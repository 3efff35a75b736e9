/** What the moderation gate decided, with the threshold it used and a reason users can read. */
export interface ModerationVerdict {
  decision: 'ALLOWED' | 'REJECTED';
  threshold: number;
  /** Set when rejected, e.g. "rejected by moderation: Explicit Nudity (97%)". */
  reason?: string;
}

import { describe, expect, it } from 'vitest';
import type { ModerationLabel } from '../../src/model/analysis.js';
import { moderationGate } from '../../src/processor/analysis/gate.js';

// Rekognition's current taxonomy (model 7): Explicit > Explicit Nudity > Exposed … labels.
const explicit = (confidence: number, child = confidence): ModerationLabel[] => [
  { name: 'Explicit', confidence },
  { name: 'Explicit Nudity', parent: 'Explicit', confidence },
  { name: 'Exposed Female Nipple', parent: 'Explicit Nudity', confidence: child },
];

describe('moderationGate', () => {
  it('allows an image with no moderation labels', () => {
    expect(moderationGate([])).toEqual({
      decision: 'ALLOWED',
      threshold: 0.8,
      reviewThreshold: 0.8,
      reasons: [],
    });
  });

  it('rejects Explicit Nudity above the default threshold, with the reasons', () => {
    const verdict = moderationGate(explicit(0.97, 0.92));
    expect(verdict.decision).toBe('REJECTED');
    expect(verdict.threshold).toBe(0.8);
    // The default list names both Explicit (current taxonomy) and Explicit Nudity (previous).
    expect(verdict.reasons).toEqual([
      { label: 'Explicit', confidence: 0.97 },
      { label: 'Explicit Nudity', parent: 'Explicit', confidence: 0.97 },
      { label: 'Exposed Female Nipple', parent: 'Explicit Nudity', confidence: 0.92 },
    ]);
    expect(verdict.reason).toBe(
      'rejected by moderation: Explicit (97%), Explicit Nudity (97%, under Explicit), ' +
        'Exposed Female Nipple (92%, under Explicit Nudity); threshold 80%',
    );
  });

  it('allows the same labels below the threshold', () => {
    const verdict = moderationGate(explicit(0.42));
    expect(verdict).toEqual({
      decision: 'ALLOWED',
      threshold: 0.8,
      reviewThreshold: 0.8,
      reasons: [],
    });
    expect(verdict.reason).toBeUndefined();
  });

  it('rejects at exactly the threshold and allows just under it', () => {
    const at = [{ name: 'Explicit Nudity', confidence: 0.8 }];
    const under = [{ name: 'Explicit Nudity', confidence: 0.7999 }];
    expect(moderationGate(at).decision).toBe('REJECTED');
    expect(moderationGate(under).decision).toBe('ALLOWED');
  });

  it('uses the configured threshold', () => {
    expect(moderationGate(explicit(0.42), { threshold: 0.4 }).decision).toBe('REJECTED');
    expect(moderationGate(explicit(0.97), { threshold: 0.99 }).decision).toBe('ALLOWED');
  });

  it('rejects a child label on its own (older taxonomy: Graphic Female Nudity under Explicit Nudity)', () => {
    const verdict = moderationGate([
      { name: 'Graphic Female Nudity', parent: 'Explicit Nudity', confidence: 0.8 },
    ]);
    expect(verdict.decision).toBe('REJECTED');
    expect(verdict.reasons.map((r) => r.label)).toEqual(['Graphic Female Nudity']);
  });

  it('finds grandchildren through their parent label in the same response', () => {
    const verdict = moderationGate(explicit(0.9), { rejectLabels: ['Explicit'] });
    expect(verdict.reasons.map((r) => r.label)).toEqual([
      'Explicit',
      'Explicit Nudity',
      'Exposed Female Nipple',
    ]);
  });

  it('ignores labels that are not listed (Suggestive, Violence) whatever their confidence', () => {
    const labels: ModerationLabel[] = [
      { name: 'Suggestive', confidence: 0.99 },
      { name: 'Swimwear or Underwear', confidence: 0.98 },
      { name: 'Violence', confidence: 0.97 },
      { name: 'Weapons', parent: 'Violence', confidence: 0.96 },
    ];
    expect(moderationGate(labels).decision).toBe('ALLOWED');
  });

  it('uses the configured label set, case-insensitively', () => {
    const labels: ModerationLabel[] = [
      { name: 'Violence', confidence: 0.7 },
      { name: 'Weapons', parent: 'Violence', confidence: 0.6 },
      { name: 'Explicit Nudity', confidence: 0.9 },
    ];
    const verdict = moderationGate(labels, { rejectLabels: [' violence '], threshold: 0.5 });
    expect(verdict.decision).toBe('REJECTED');
    expect(verdict.reasons.map((r) => r.label)).toEqual(['Violence', 'Weapons']);
  });

  it('survives a parent cycle in malformed input', () => {
    const labels: ModerationLabel[] = [
      { name: 'A', parent: 'B', confidence: 0.9 },
      { name: 'B', parent: 'A', confidence: 0.9 },
    ];
    expect(moderationGate(labels).decision).toBe('ALLOWED');
  });

  it('holds labels between the review and the reject threshold for review, with the reason', () => {
    const options = { threshold: 0.8, reviewThreshold: 0.5 };
    const held = moderationGate(explicit(0.61), options);
    expect(held.decision).toBe('IN_REVIEW');
    expect(held.reviewThreshold).toBe(0.5);
    expect(held.reasons.map((r) => r.label)).toEqual([
      'Explicit',
      'Explicit Nudity',
      'Exposed Female Nipple',
    ]);
    expect(held.reason).toBe(
      'held for review by moderation: Explicit (61%), Explicit Nudity (61%, under Explicit), ' +
        'Exposed Female Nipple (61%, under Explicit Nudity); review from 50%, reject from 80%',
    );
    expect(moderationGate(explicit(0.5), options).decision).toBe('IN_REVIEW');
    expect(moderationGate(explicit(0.4999), options).decision).toBe('ALLOWED');
    expect(moderationGate(explicit(0.8), options).decision).toBe('REJECTED');
  });

  it('holds nothing for labels that are not listed, whatever their confidence', () => {
    const suggestive = [{ name: 'Suggestive', confidence: 0.7 }];
    expect(moderationGate(suggestive, { threshold: 0.8, reviewThreshold: 0.5 }).decision).toBe(
      'ALLOWED',
    );
  });

  it('refuses a review threshold above the reject threshold', () => {
    expect(() => moderationGate([], { threshold: 0.5, reviewThreshold: 0.6 })).toThrow(
      /review threshold must be a ratio in 0\.\.0\.5/,
    );
  });

  it('refuses a threshold that is not a ratio', () => {
    expect(() => moderationGate([], { threshold: 50 })).toThrow(/0\.\.1/);
    expect(() => moderationGate([], { threshold: Number.NaN })).toThrow(/0\.\.1/);
  });
});

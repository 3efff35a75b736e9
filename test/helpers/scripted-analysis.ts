import type { AnalysisResult } from '../../src/processor/analysis/analyzer.js';
import { createJudge, type AnalysisStep } from '../../src/processor/analysis/index.js';

/**
 * The analysis step with a scripted analyser (the port is the boundary): every image scores
 * `explicitness()` on Explicit and on Explicit Nudity under it, and nothing else is found. The
 * gate is the real one, rejecting on Explicit from `reject` and holding for review from `review`
 * (no review unless given).
 */
export function scriptedModeration(
  explicitness: () => number,
  thresholds: { reject: number; review?: number } = { reject: 0.5 },
  longestSide = 1600,
): AnalysisStep {
  return {
    analyzer: {
      name: 'scripted',
      analyze: (): Promise<AnalysisResult> =>
        Promise.resolve({
          faces: [],
          labels: [],
          moderation: [
            { name: 'Explicit', confidence: explicitness() },
            { name: 'Explicit Nudity', parent: 'Explicit', confidence: explicitness() },
          ],
        }),
    },
    judge: createJudge({
      MODERATION_THRESHOLD: thresholds.reject,
      MODERATION_REVIEW_THRESHOLD: thresholds.review ?? thresholds.reject,
      MODERATION_REJECT_LABELS: ['Explicit'],
    }),
    longestSide,
  };
}

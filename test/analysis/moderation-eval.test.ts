import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODEL_SETS, evaluate } from '../../scripts/eval-moderation.js';
import { setName } from '../../scripts/eval-moderation/score.js';

/**
 * The moderation evaluation (npm run eval:moderation) on a handful of its corpus, so the script
 * cannot rot: the full run over every image is a benchmark (docs/MODERATION.md).
 */
const CORPUS =
  process.env.MODERATION_CORPUS_DIR ?? join(process.cwd(), '.cache', 'moderation-corpus');
/** From the packages `fetch-moderation-corpus.sh --subset` downloads. */
const SUBSET = [
  'skimage-astronaut.png',
  'skimage-cell.png',
  'skimage-coffee.png',
  'sway-Sway_Wallpaper_Blue_1920x1080.png',
];
const missing = SUBSET.filter((name) => !existsSync(join(CORPUS, name)));
if (missing.length > 0) {
  console.warn(
    'Skipping the moderation evaluation: run `apt-get update && bash scripts/fetch-moderation-corpus.sh --subset`',
  );
}

describe.skipIf(missing.length > 0)('the moderation evaluation', () => {
  it('measures every model on each image and reports what each model set and threshold decides', async () => {
    const lines: string[] = [];
    const { measured, report } = await evaluate(CORPUS, SUBSET, (line) => lines.push(line));
    expect(measured.map((m) => m.file)).toEqual(SUBSET);
    for (const image of measured) {
      for (const model of ['mobilenet_v2', 'mobilenet_v2_mid', 'inception_v3'] as const) {
        const vote = image.byModel[model]!;
        // Five classes, a softmax: they sum to one.
        expect(vote.predictions).toHaveLength(5);
        const sum = vote.predictions.reduce((total, p) => total + p.probability, 0);
        expect(sum).toBeCloseTo(1, 3);
        expect(vote.ms).toBeGreaterThan(0);
      }
    }
    for (const models of MODEL_SETS) expect(report).toContain(`| ${setName(models)}`);
    // The defaults' line names them, and none of these ordinary pictures is refused or held.
    expect(report).toMatch(
      /^Default \(mobilenet_v2_mid, review from 50 %, reject from 80 %\): 0 REJECTED, 0 IN_REVIEW, \d+ ms per image\.$/m,
    );
    expect(lines.at(-1)).toBe(`  ${SUBSET.length}/${SUBSET.length}`);
  }, 120_000);
});

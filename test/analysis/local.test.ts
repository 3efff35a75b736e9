/**
 * The offline analyser on real photographs nobody on this project made (scikit-image's samples
 * from Debian's python3-skimage). Skipped, with the command to run, when they are not fetched.
 *
 * Where the faces are was read off the photos themselves (512×512 both):
 * - astronaut: Eileen Collins, facing the camera; head (hair to chin) within x 0.28–0.60,
 *   y 0.05–0.42 of the picture, face centre near (0.44, 0.24).
 * - camera: the cameraman, face turned towards his camera on the right; head within
 *   x 0.30–0.56, y 0.12–0.45, face centre near (0.44, 0.31).
 * chelsea (a cat) and coffee (a cup on a saucer) have no face.
 */
import { createRequire } from 'node:module';
import type * as TfCore from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Face } from '../../src/model/analysis.js';
import type { Box } from '../../src/model/box.js';
import type { AnalysisResult } from '../../src/processor/analysis/analyzer.js';
import { moderationGate } from '../../src/processor/analysis/gate.js';
import { LocalAnalyzer } from '../../src/processor/analysis/local/index.js';
import { localRuntimeLoads } from '../../src/processor/analysis/local/runtime.js';
import { analysisImageOf, FETCH_HINT, missingPhotos, PHOTOS, type Photo } from './photos.js';

const missing = missingPhotos();
if (missing.length > 0) console.warn(`[local analyser tests skipped] ${FETCH_HINT}`);

interface Region {
  /** The whole face box must lie inside this. */
  within: Box;
  /** The box's centre must lie inside this. */
  centre: Box;
}

const REGIONS: Partial<Record<Photo, Region>> = {
  astronaut: {
    within: { left: 0.28, top: 0.05, width: 0.32, height: 0.37 },
    centre: { left: 0.38, top: 0.17, width: 0.12, height: 0.15 },
  },
  camera: {
    within: { left: 0.3, top: 0.12, width: 0.26, height: 0.33 },
    centre: { left: 0.37, top: 0.22, width: 0.14, height: 0.16 },
  },
};

const contains = (outer: Box, x: number, y: number) =>
  x >= outer.left &&
  x <= outer.left + outer.width &&
  y >= outer.top &&
  y <= outer.top + outer.height;

const EXPLICIT_CEILING = 0.2;

describe.skipIf(missing.length > 0)(
  missing.length > 0
    ? `local analyser on sample photos (SKIPPED: ${FETCH_HINT})`
    : 'local analyser on sample photos',
  () => {
    // moderationMinConfidence 0: every moderation label is reported, so a low score is seen as
    // a low score rather than as a missing label.
    const analyzer = new LocalAnalyzer({ moderationMinConfidence: 0 });
    const results = new Map<Photo, AnalysisResult>();
    const timings: string[] = [];
    let loadMs = 0;

    beforeAll(async () => {
      // Both first calls at once: they must share one model load.
      const loadsBefore = localRuntimeLoads();
      const started = performance.now();
      const [astronaut, camera] = await Promise.all([
        analysisImageOf('astronaut').then((image) => analyzer.analyze(image)),
        analysisImageOf('camera').then((image) => analyzer.analyze(image)),
      ]);
      loadMs = Math.round(performance.now() - started);
      expect(localRuntimeLoads() - loadsBefore).toBe(1);
      results.set('astronaut', astronaut);
      results.set('camera', camera);
      for (const name of PHOTOS) {
        const image = await analysisImageOf(name);
        const t = performance.now();
        results.set(name, await analyzer.analyze(image));
        timings.push(`${name} ${Math.round(performance.now() - t)} ms`);
      }
    }, 120_000);

    afterAll(() => {
      console.log(
        `[local analyser] first two images incl. model load ${loadMs} ms; per image: ${timings.join(', ')}; ` +
          `peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
      );
    });

    it('runs on the WebAssembly backend', () => {
      const tf = createRequire(import.meta.url)('@tensorflow/tfjs-core') as typeof TfCore;
      expect(tf.getBackend()).toBe('wasm');
    });

    it.each(['astronaut', 'camera'] as const)('finds the one face in %s where it is', (name) => {
      const faces = results.get(name)?.faces ?? [];
      expect(faces).toHaveLength(1);
      const [face] = faces as [Face];
      const region = REGIONS[name] as Region;
      const { left, top, width, height } = face.box;
      expect(face.confidence).toBeGreaterThanOrEqual(0.5);
      // A face, not a speck: at least 6 % of the picture's width and height.
      expect(width).toBeGreaterThan(0.06);
      expect(height).toBeGreaterThan(0.06);
      expect(contains(region.within, left, top)).toBe(true);
      expect(contains(region.within, left + width, top + height)).toBe(true);
      expect(contains(region.centre, left + width / 2, top + height / 2)).toBe(true);
    });

    it('places the landmarks of the frontal face sensibly', () => {
      const [face] = results.get('astronaut')?.faces ?? [];
      const at = (type: string): { x: number; y: number } => {
        const point = face?.landmarks?.find((l) => l.type === type);
        expect(point, type).toBeDefined();
        return point ?? { x: Number.NaN, y: Number.NaN };
      };
      const eyeLeft = at('eyeLeft');
      const eyeRight = at('eyeRight');
      const nose = at('nose');
      const mouthLeft = at('mouthLeft');
      const mouthRight = at('mouthRight');
      const chin = at('chinBottom');
      expect(eyeLeft.x).toBeLessThan(nose.x);
      expect(nose.x).toBeLessThan(eyeRight.x);
      expect(mouthLeft.x).toBeLessThan(mouthRight.x);
      expect(Math.max(eyeLeft.y, eyeRight.y)).toBeLessThan(nose.y);
      expect(nose.y).toBeLessThan(Math.min(mouthLeft.y, mouthRight.y));
      expect(Math.max(mouthLeft.y, mouthRight.y)).toBeLessThan(chin.y);
      for (const point of face?.landmarks ?? []) {
        expect(contains(REGIONS.astronaut?.within as Box, point.x, point.y), point.type).toBe(true);
      }
    });

    it('reads the smile and an adult age on the astronaut', () => {
      const [face] = results.get('astronaut')?.faces ?? [];
      expect(face?.emotions?.[0]?.type).toBe('HAPPY');
      expect(face?.ageRange?.low).toBeGreaterThanOrEqual(18);
      expect(face?.ageRange?.high).toBeLessThanOrEqual(60);
    });

    it.each(['chelsea', 'coffee'] as const)('finds no face in %s', (name) => {
      expect(results.get(name)?.faces).toEqual([]);
    });

    it.each(PHOTOS)('scores explicit content low on %s, and the gate allows it', (name) => {
      const moderation = results.get(name)?.moderation ?? [];
      const explicit = moderation.find((l) => l.name === 'Explicit Nudity');
      expect(explicit).toBeDefined();
      expect(explicit?.parent).toBe('Explicit');
      expect(explicit?.confidence).toBeLessThan(EXPLICIT_CEILING);
      expect(moderation.find((l) => l.name === 'Suggestive')?.confidence).toBeLessThan(
        EXPLICIT_CEILING,
      );
      expect(moderationGate(moderation).decision).toBe('ALLOWED');
    });

    it('labels the people as Person', () => {
      for (const name of ['astronaut', 'camera'] as const) {
        expect(results.get(name)?.labels.map((l) => l.name)).toContain('Person');
      }
    });

    it('gives the same answer twice and leaks no tensors', async () => {
      const tf = createRequire(import.meta.url)('@tensorflow/tfjs-core') as typeof TfCore;
      const image = await analysisImageOf('astronaut');
      await analyzer.analyze(image);
      const before = tf.memory().numTensors;
      const again = await analyzer.analyze(image);
      expect(tf.memory().numTensors).toBe(before);
      expect(again).toEqual(results.get('astronaut'));
    });

    it('finds the face in a smaller analysis image too', async () => {
      const result = await analyzer.analyze(await analysisImageOf('astronaut', 256));
      expect(result.faces).toHaveLength(1);
      const face = result.faces[0] as Face;
      const region = REGIONS.astronaut as Region;
      expect(
        contains(
          region.centre,
          face.box.left + face.box.width / 2,
          face.box.top + face.box.height / 2,
        ),
      ).toBe(true);
    });

    it('rejects a malformed analysis image without touching the models', async () => {
      const image = await analysisImageOf('coffee');
      await expect(analyzer.analyze({ ...image, width: image.width + 1 })).rejects.toMatchObject({
        name: 'AnalyzerError',
        retryable: false,
      });
    });
  },
);

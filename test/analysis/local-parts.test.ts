/** The local analyser's pure parts, without loading any model. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  mapHumanFace,
  mapNsfw,
  mapObjects,
  MESH_LANDMARKS,
  type HumanFace,
} from '../../src/processor/analysis/local/mapping.js';
import {
  loadModelArtifacts,
  localModelPath,
  modelFileRouter,
} from '../../src/processor/analysis/local/model-files.js';
import { packagePaths } from '../../src/processor/analysis/local/runtime.js';

describe('mapNsfw', () => {
  const predictions = (porn: number, hentai: number, sexy: number) => [
    { className: 'Neutral', probability: 1 - porn - hentai - sexy },
    { className: 'Porn', probability: porn },
    { className: 'Hentai', probability: hentai },
    { className: 'Sexy', probability: sexy },
    { className: 'Drawing', probability: 0 },
  ];

  it('adds Porn and Hentai (exclusive classes) into Explicit Nudity under Explicit; Sexy is Suggestive', () => {
    expect(mapNsfw([{ predictions: predictions(0.5, 0.3, 0.1) }], 0)).toEqual([
      { name: 'Explicit', confidence: 0.8 },
      { name: 'Explicit Nudity', parent: 'Explicit', confidence: 0.8 },
      { name: 'Suggestive', confidence: 0.1 },
    ]);
  });

  it('leaves out labels below the minimum confidence', () => {
    expect(mapNsfw([{ predictions: predictions(0.01, 0.01, 0.6) }], 0.5)).toEqual([
      { name: 'Suggestive', confidence: 0.6 },
    ]);
  });

  it('with several models, gives each label the lowest confidence any of them gives it', () => {
    const labels = mapNsfw(
      [{ predictions: predictions(0.7, 0.1, 0.1) }, { predictions: predictions(0.2, 0.1, 0.5) }],
      0,
    );
    expect(labels.find((l) => l.name === 'Explicit Nudity')?.confidence).toBeCloseTo(0.3);
    expect(labels.find((l) => l.name === 'Suggestive')?.confidence).toBeCloseTo(0.1);
  });

  it('reports nothing without a model', () => {
    expect(mapNsfw([], 0)).toEqual([]);
  });
});

describe('mapHumanFace', () => {
  // A synthetic 468-point mesh spread over x 0.2..0.4, y 0.1..0.5, with the landmark points set.
  const mesh = Array.from({ length: 468 }, (_, i) => [
    0.2 + (i % 10) * 0.02,
    0.1 + (i % 21) * 0.02,
    0,
  ]);
  const face: HumanFace = {
    score: 0.93,
    boxRaw: [0.1, 0.05, 0.4, 0.4],
    meshRaw: mesh,
    age: 40,
    emotion: [
      { score: 0.2, emotion: 'neutral' },
      { score: 0.7, emotion: 'happy' },
    ],
    rotation: { angle: { yaw: 0.1 } },
  };

  it('boxes the mesh, not the detector square', () => {
    const mapped = mapHumanFace(face);
    expect(mapped.box.left).toBeCloseTo(0.2, 6);
    expect(mapped.box.top).toBeCloseTo(0.1, 6);
    expect(mapped.box.width).toBeCloseTo(0.18, 6);
    expect(mapped.box.height).toBeCloseTo(0.4, 6);
    expect(mapped.confidence).toBe(0.93);
  });

  it('names emotions as Rekognition does, most confident first, and gives an age range', () => {
    const mapped = mapHumanFace(face);
    expect(mapped.emotions).toEqual([
      { type: 'HAPPY', confidence: 0.7 },
      { type: 'CALM', confidence: 0.2 },
    ]);
    expect(mapped.ageRange).toEqual({ low: 34, high: 46 });
    expect(mapped.landmarks?.map((l) => l.type)).toEqual(
      Object.keys(MESH_LANDMARKS).filter((t) => !t.endsWith('Pupil')),
    );
  });

  it('gives no age for a face turned away (age models read frontal faces)', () => {
    expect(mapHumanFace({ ...face, rotation: { angle: { yaw: 0.6 } } }).ageRange).toBeUndefined();
  });

  it('falls back to the detector box without a mesh', () => {
    const mapped = mapHumanFace({ ...face, meshRaw: [] });
    expect(mapped.box).toEqual({ left: 0.1, top: 0.05, width: 0.4, height: 0.4 });
    expect(mapped.landmarks).toBeUndefined();
  });
});

describe('mapObjects', () => {
  it('keeps one label per class, best score, Rekognition-style names and parents', () => {
    expect(
      mapObjects(
        [
          { label: 'person', score: 0.6 },
          { label: 'person', score: 0.8 },
          { label: 'cat', score: 0.7 },
          { label: 'wine glass', score: 0.55 },
          { label: 'dog', score: 0.4 },
        ],
        0.5,
      ),
    ).toEqual([
      { name: 'Person', confidence: 0.8 },
      { name: 'Cat', confidence: 0.7, parents: ['Animal', 'Mammal', 'Pet'] },
      { name: 'Wine Glass', confidence: 0.55, parents: ['Glass', 'Tableware'] },
    ]);
  });
});

describe('model files', () => {
  const { humanModels } = packagePaths();
  const roots = [humanModels];

  it('refuses network URLs', () => {
    expect(() => localModelPath('https://cdn.example.com/models/blazeface.json', roots)).toThrow(
      /only local file:\/\/ models.*no network/,
    );
    expect(() => localModelPath('http://127.0.0.1/blazeface.json', roots)).toThrow(/no network/);
  });

  it('refuses files outside the model folders', () => {
    expect(() => localModelPath(pathToFileURL('/etc/passwd').href, roots)).toThrow(
      /outside the model folders/,
    );
    expect(() =>
      localModelPath(pathToFileURL(join(humanModels, '..', 'package.json')).href, roots),
    ).toThrow(/outside the model folders/);
  });

  it('refuses a weight file that escapes its folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'models-'));
    await writeFile(
      join(dir, 'evil.json'),
      JSON.stringify({
        modelTopology: {},
        weightsManifest: [{ paths: ['../x.bin'], weights: [] }],
      }),
    );
    await expect(
      loadModelArtifacts(pathToFileURL(join(dir, 'evil.json')).href, [dir]),
    ).rejects.toThrow(/outside its folder/);
  });

  it("reads Human's blazeface model from disk with all its weights", async () => {
    const handler = modelFileRouter(roots)(pathToFileURL(join(humanModels, 'blazeface.json')).href);
    const artifacts = await handler.load?.();
    expect(artifacts?.modelTopology).toBeDefined();
    expect((artifacts?.weightData as ArrayBuffer).byteLength).toBe(538_928);
    expect(artifacts?.weightSpecs?.length).toBeGreaterThan(0);
  });

  it('routes any URL to a handler that refuses what is not local', async () => {
    const handler = modelFileRouter(roots)('https://example.com/model.json');
    await expect(handler.load?.()).rejects.toThrow(/no network/);
  });
});

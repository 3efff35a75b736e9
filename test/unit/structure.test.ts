import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  importCycles,
  importGraph,
  layerViolations,
  type ImportGraph,
  type LayerRules,
} from '../helpers/import-graph.js';

const SRC = resolve('src');

/**
 * The shape DESIGN.md asks for: one folder per step of the flow, shared modules beneath them, and
 * nothing imported upward. config/ and model/ in particular import no step.
 */
const RULES: LayerRules = {
  steps: ['api', 'processor', 'events', 'delivery', 'report', 'console'],
  homes: ['local'],
  only: {
    model: [],
    config: ['model', 'presets'],
    presets: ['model'],
    imaging: ['model', 'presets'],
    // The delivery URL grammar and signatures: the API signs with them, the edge and the local
    // delivery front verify with them. Bundled into the CloudFront Function, so nothing heavier.
    urls: ['model'],
  },
  exceptions: {
    // graphql-codegen's `contextType`: the generated resolver types name the API's context type.
    'schema/generated/resolvers-types.ts -> api/context.ts': 'codegen contextType (a type import)',
  },
};

const graphOf = (edges: Record<string, string[]>): ImportGraph =>
  new Map(Object.entries(edges).map(([from, to]) => [from, new Set(to)]));

describe('the source tree', () => {
  const graph = importGraph(SRC);

  it('has no import circle anywhere in src/', () => {
    expect(importCycles(graph)).toEqual([]);
  });

  it('imports nothing upward: config/ and model/ import no step, steps import no other step', () => {
    expect(layerViolations(graph, RULES)).toEqual([]);
  });

  it('has no hand-written file over 400 lines (modules, the schema, pages)', () => {
    const long = readdirSync(SRC, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => relative(SRC, join(e.parentPath, e.name)))
      .filter((file) => !file.includes('generated/'))
      .map((file) => ({ file, lines: readFileSync(join(SRC, file), 'utf8').split('\n').length }))
      .filter(({ lines }) => lines > 400);
    expect(long).toEqual([]);
  });
});

describe('the structure checks themselves', () => {
  it('find a circle and name every module in it', () => {
    const cycles = importCycles(
      graphOf({ 'a/x.ts': ['a/y.ts'], 'a/y.ts': ['b/z.ts'], 'b/z.ts': ['a/x.ts'], 'c/w.ts': [] }),
    );
    expect(cycles).toEqual([['a/x.ts', 'a/y.ts', 'b/z.ts']]);
  });

  it('find a module that imports itself', () => {
    expect(importCycles(graphOf({ 'a/x.ts': ['a/x.ts'] }))).toEqual([['a/x.ts']]);
  });

  it('refuse model/ importing a step, a step importing another, and anything importing local/', () => {
    const violations = layerViolations(
      graphOf({
        'model/image.ts': ['processor/analysis/analyzer.ts'],
        'api/resolvers/similar.ts': ['processor/fingerprint/phash.ts'],
        'table/images.ts': ['local/stack.ts'],
        'config/api.ts': ['presets/catalog.ts'],
        'local/stack.ts': ['api/handler.ts', 'processor/handler.ts'],
      }),
      RULES,
    );
    expect(violations).toEqual([
      'model/image.ts -> processor/analysis/analyzer.ts: model/ may import only itself',
      'api/resolvers/similar.ts -> processor/fingerprint/phash.ts: a step of the flow imports no other step',
      'table/images.ts -> local/stack.ts: nothing imports the embedded default',
    ]);
  });
});

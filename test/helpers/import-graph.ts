import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** Every module under a folder and the modules it imports (relative imports, type-only too). */
export type ImportGraph = Map<string, Set<string>>;

/** Reads the import graph of the .ts/.tsx files under `root`; keys are paths relative to it. */
export function importGraph(root: string): ImportGraph {
  const files = readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => join(e.parentPath, e.name));
  const graph: ImportGraph = new Map();
  for (const file of files) {
    const imports = new Set<string>();
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const base = resolve(dirname(file), fileName).replace(/\.js$/, '');
      const target = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((f) =>
        existsSync(f),
      );
      if (target) imports.add(relative(root, target));
    }
    graph.set(relative(root, file), imports);
  }
  return graph;
}

/** Every import circle, each as the path that closes it (Tarjan's strongly connected components). */
export function importCycles(graph: ImportGraph): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const lowlinks = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string) => {
    indices.set(node, index);
    lowlinks.set(node, index++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indices.has(next)) {
        visit(next);
        lowlinks.set(node, Math.min(lowlinks.get(node)!, lowlinks.get(next)!));
      } else if (onStack.has(next)) {
        lowlinks.set(node, Math.min(lowlinks.get(node)!, indices.get(next)!));
      }
    }
    if (lowlinks.get(node) !== indices.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || graph.get(node)?.has(node)) cycles.push(component.reverse());
  };
  for (const node of [...graph.keys()].sort()) if (!indices.has(node)) visit(node);
  return cycles;
}

/** The folder directly under the root a module lives in (`processor/steps/read.ts` → `processor`). */
export const folderOf = (module: string) => module.split('/')[0]!;

export interface LayerRules {
  /** Folders that are steps of the flow: none imports another. */
  steps: readonly string[];
  /** Composition roots (the embedded default): they may import anything. */
  homes: readonly string[];
  /** Folders that may import only the folders listed (and themselves). */
  only: Readonly<Record<string, readonly string[]>>;
  /** Single imports allowed despite the rules, each with its reason: `from -> to`. */
  exceptions: Readonly<Record<string, string>>;
}

/** Each import that breaks a rule, as `from -> to: why`. */
export function layerViolations(graph: ImportGraph, rules: LayerRules): string[] {
  const violations: string[] = [];
  for (const [from, imports] of graph) {
    const source = folderOf(from);
    for (const to of imports) {
      const target = folderOf(to);
      if (source === target || rules.homes.includes(source)) continue;
      if (`${from} -> ${to}` in rules.exceptions) continue;
      const only = rules.only[source];
      if (only && !only.includes(target)) {
        violations.push(
          `${from} -> ${to}: ${source}/ may import only ${only.length > 0 ? only.join(', ') : 'itself'}`,
        );
      } else if (rules.homes.includes(target)) {
        violations.push(`${from} -> ${to}: nothing imports the embedded default`);
      } else if (rules.steps.includes(target)) {
        violations.push(
          rules.steps.includes(source)
            ? `${from} -> ${to}: a step of the flow imports no other step`
            : `${from} -> ${to}: shared modules import no step of the flow`,
        );
      }
    }
  }
  return violations;
}

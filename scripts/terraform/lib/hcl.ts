/**
 * Loads a Terraform module directory with HashiCorp's HCL parser (`@cdktf/hcl2json`, the Go
 * parser compiled to WebAssembly) and indexes its top-level blocks with file and line, so every
 * checker can report `file:line`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from '@cdktf/hcl2json';

/** A value as hcl2json gives it: expressions are strings wrapped in `${…}`. */
export type HclValue = string | number | boolean | null | HclValue[] | { [key: string]: HclValue };
export type HclBody = Record<string, HclValue>;

export interface Finding {
  /** Which checker found it, e.g. `schema`, `references`, `iam`. */
  rule: string;
  file: string;
  line: number;
  message: string;
}

export const formatFinding = (f: Finding) => `${f.file}:${f.line}: [${f.rule}] ${f.message}`;

export type TopKind =
  | 'resource'
  | 'data'
  | 'variable'
  | 'output'
  | 'locals'
  | 'provider'
  | 'terraform'
  | 'module'
  | 'check'
  | 'moved'
  | 'import'
  | 'removed';

export interface TfBlock {
  kind: TopKind;
  /** Resource / data source type (`aws_s3_bucket`) or provider name; empty otherwise. */
  type: string;
  /** Resource / variable / output name; empty for locals and terraform blocks. */
  name: string;
  body: HclBody;
  file: string;
  /** 1-based line of the block header. */
  line: number;
}

export interface TfFile {
  path: string;
  /** The file name (what findings report). */
  name: string;
  text: string;
}

export interface TfModule {
  dir: string;
  files: TfFile[];
  blocks: TfBlock[];
  /** Syntax errors, one per file that does not parse. */
  errors: Finding[];
}

const isRecord = (v: unknown): v is Record<string, HclValue> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Bodies of a block as hcl2json writes them: `name: [ {…}, … ]`. */
export function blockBodies(value: HclValue | undefined): HclBody[] {
  if (Array.isArray(value)) return value.filter(isRecord);
  return isRecord(value) ? [value] : [];
}

/** A string-or-list argument (`actions`, `resources`, `values`…) as its strings. */
export const strings = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : typeof value === 'string'
      ? [value]
      : [];

/**
 * Every `statement` of an `aws_iam_policy_document` body, in order, then those of its
 * `dynamic "statement"` blocks (their `content`).
 */
export function policyStatements(document: HclBody): HclBody[] {
  const dynamic = isRecord(document.dynamic) ? blockBodies(document.dynamic.statement) : [];
  return [...blockBodies(document.statement), ...dynamic.flatMap((d) => blockBodies(d.content))];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** 1-based line of the first match of `pattern` at or after `fromLine`, else `fromLine`. */
export function lineOf(text: string, pattern: RegExp, fromLine = 1): number {
  const lines = text.split('\n');
  for (let i = Math.max(0, fromLine - 1); i < lines.length; i++) {
    if (pattern.test(lines[i]!)) return i + 1;
  }
  return fromLine;
}

/** Line of an argument or nested block named `key` inside a block starting at `fromLine`. */
export const lineOfKey = (text: string, key: string, fromLine: number) =>
  lineOf(text, new RegExp(`^\\s*(dynamic\\s+")?${escape(key)}"?\\s*(=|\\{|")`), fromLine);

function headerPattern(kind: TopKind, labels: string[]): RegExp {
  const parts = labels.map((l) => `\\s+"?${escape(l)}"?`).join('');
  return new RegExp(`^${kind}${parts}\\s*\\{`);
}

/** 1-based line of the `n`th (0-based) line matching `pattern`, else 1. */
function lineOfNth(text: string, pattern: RegExp, n: number): number {
  const lines = text.split('\n');
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    if (pattern.test(lines[i]!) && seen++ === n) return i + 1;
  }
  return 1;
}

function indexBlocks(file: TfFile, json: Record<string, unknown>): TfBlock[] {
  const blocks: TfBlock[] = [];
  // Blocks with the same header (several `locals {` or `moved {`, which have no labels) come in
  // file order: the nth of them is at the nth matching header line.
  const seen = new Map<string, number>();
  const add = (kind: TopKind, type: string, name: string, body: HclBody) => {
    const labels = [type, name].filter(Boolean);
    const pattern = headerPattern(kind, labels);
    const n = seen.get(pattern.source) ?? 0;
    seen.set(pattern.source, n + 1);
    blocks.push({
      kind,
      type,
      name,
      body,
      file: file.name,
      line: lineOfNth(file.text, pattern, n),
    });
  };
  for (const [kind, value] of Object.entries(json)) {
    const k = kind as TopKind;
    if (k === 'resource' || k === 'data') {
      if (!isRecord(value)) continue;
      for (const [type, byName] of Object.entries(value)) {
        if (!isRecord(byName)) continue;
        for (const [name, bodies] of Object.entries(byName)) {
          for (const body of blockBodies(bodies)) add(k, type, name, body);
        }
      }
    } else if (k === 'variable' || k === 'output' || k === 'module' || k === 'check') {
      if (!isRecord(value)) continue;
      for (const [name, bodies] of Object.entries(value)) {
        for (const body of blockBodies(bodies)) add(k, '', name, body);
      }
    } else if (k === 'provider') {
      if (!isRecord(value)) continue;
      for (const [type, bodies] of Object.entries(value)) {
        for (const body of blockBodies(bodies)) add(k, type, '', body);
      }
    } else {
      for (const body of blockBodies(value as HclValue)) add(k, '', '', body);
    }
  }
  return blocks;
}

/** Parses every `*.tf` file in `dir` (not recursive, like Terraform). */
export async function loadModule(dir: string): Promise<TfModule> {
  const names = readdirSync(dir)
    .filter((n) => n.endsWith('.tf'))
    .sort();
  const module: TfModule = { dir, files: [], blocks: [], errors: [] };
  for (const name of names) {
    const path = join(dir, name);
    const file: TfFile = { path, name, text: readFileSync(path, 'utf8') };
    module.files.push(file);
    try {
      const json = (await parse(name, file.text)) as Record<string, unknown>;
      module.blocks.push(...indexBlocks(file, json));
    } catch (error) {
      module.errors.push(syntaxFinding(name, error));
    }
  }
  return module;
}

/** hcl2json reports `parse config: [main.tf:2,6-3,1: Summary; Detail.]`. */
function syntaxFinding(name: string, error: unknown): Finding {
  const text = String(error instanceof Error ? error.message : error);
  const m = /\[?([^\s[:]+\.tf):(\d+),(\d+)(?:-\d+(?:,\d+)?)?: ([^\]]*)\]?/.exec(text);
  if (!m) return { rule: 'syntax', file: name, line: 1, message: text };
  return { rule: 'syntax', file: basename(m[1]!), line: Number(m[2]), message: m[4]!.trim() };
}

/** The argument of a whole-value `${jsonencode(…)}`, as HCL source; undefined for anything else. */
export function jsonencodeArgument(value: HclValue | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  return /^\$\{jsonencode\(([\s\S]*)\)\}$/.exec(value)?.[1];
}

/**
 * The value of an HCL expression written with literals only (strings, numbers, bools, tuples,
 * objects), read by the same parser as the module. Throws when a reference, function call or
 * template is left in it: its value is not known without Terraform.
 */
export async function literalValue(expression: string): Promise<HclValue> {
  const json = (await parse('expression.tf', `value = ${expression}\n`)) as { value?: HclValue };
  const value = json.value ?? null;
  const dynamic = JSON.stringify(value).includes('${');
  if (dynamic) throw new Error(`not a literal expression: ${expression.trim()}`);
  return value;
}

/** Resource and data source types a directory of .tf files uses (`aws_x`, `data.aws_y`). */
export async function collectUsedTypes(dir: string): Promise<Set<string>> {
  const types = new Set<string>();
  let entries: string[];
  try {
    entries = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  } catch {
    return types;
  }
  for (const rel of entries.filter((e) => e.endsWith('.tf'))) {
    let json: Record<string, unknown>;
    try {
      json = (await parse(rel, readFileSync(join(dir, rel), 'utf8'))) as Record<string, unknown>;
    } catch {
      continue; // Broken fixtures are broken on purpose.
    }
    if (isRecord(json.resource)) for (const t of Object.keys(json.resource)) types.add(t);
    if (isRecord(json.data)) for (const t of Object.keys(json.data)) types.add(`data.${t}`);
  }
  return types;
}

export { isRecord };

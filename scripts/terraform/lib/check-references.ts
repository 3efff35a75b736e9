/**
 * Checks every reference in every expression: undeclared variables, locals, resources, data
 * sources and modules; attributes a resource type does not have; instance keys missing on
 * resources with count / for_each (or present on ones without), also behind a computed index
 * (`[each.key]`) or a splat; count / each used where they mean nothing; variables and locals
 * declared but never used. The addresses of `moved` and `removed` blocks are checked as
 * addresses: where they move to must exist (with an instance key of the right kind), what they
 * move or remove from must not.
 */
import { getReferencesInExpression } from '@cdktf/hcl2json';
import { suggest } from './check-schema.js';
import {
  blockBodies,
  isRecord,
  lineOf,
  type Finding,
  type HclValue,
  type TfBlock,
  type TfModule,
  type TopKind,
} from './hcl.js';
import type { BlockSchema, ProviderSchema } from './schema.js';

interface Declared {
  variables: Set<string>;
  locals: Set<string>;
  /** `type.name` → how it is repeated. */
  resources: Map<string, Repetition>;
  data: Map<string, Repetition>;
  modules: Set<string>;
}

type Repetition = 'single' | 'count' | 'for_each';

const repetition = (body: Record<string, unknown>): Repetition =>
  'count' in body ? 'count' : 'for_each' in body ? 'for_each' : 'single';

function declarations(module: TfModule): Declared {
  const d: Declared = {
    variables: new Set(),
    locals: new Set(),
    resources: new Map(),
    data: new Map(),
    modules: new Set(),
  };
  for (const b of module.blocks) {
    if (b.kind === 'variable') d.variables.add(b.name);
    else if (b.kind === 'locals') for (const k of Object.keys(b.body)) d.locals.add(k);
    else if (b.kind === 'resource') d.resources.set(`${b.type}.${b.name}`, repetition(b.body));
    else if (b.kind === 'data') d.data.set(`${b.type}.${b.name}`, repetition(b.body));
    else if (b.kind === 'module') d.modules.add(b.name);
  }
  return d;
}

/** One expression string found in a body, with what is in scope there. */
interface Site {
  expression: string;
  /** Names of dynamic-block iterators in scope. */
  iterators: Set<string>;
  /** The argument the expression belongs to (for the line number). */
  key: string;
}

function collectSites(value: HclValue, key: string, iterators: Set<string>, out: Site[]): void {
  if (typeof value === 'string') {
    if (value.includes('${')) out.push({ expression: value, iterators, key });
  } else if (Array.isArray(value)) {
    for (const v of value) collectSites(v, key, iterators, out);
  } else if (isRecord(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'dynamic' && isRecord(v)) {
        for (const [name, defs] of Object.entries(v)) {
          for (const def of blockBodies(defs)) {
            const iterator =
              typeof def.iterator === 'string' ? def.iterator.replace(/^\$\{|\}$/g, '') : name;
            collectSites(def.for_each ?? null, 'for_each', iterators, out);
            const inner = new Set([...iterators, iterator]);
            for (const content of blockBodies(def.content)) collectSites(content, name, inner, out);
          }
        }
      } else if (k === 'lifecycle' && isRecord(value) && key === '') {
        // ignore_changes / replace_triggered_by name attributes, not values.
        for (const lc of blockBodies(v)) {
          for (const [lk, lv] of Object.entries(lc)) {
            if (lk !== 'ignore_changes' && lk !== 'replace_triggered_by')
              collectSites(lv, lk, iterators, out);
          }
        }
      } else {
        collectSites(v, key === '' ? k : key, iterators, out);
      }
    }
  }
}

/** `cond ? { a = … } : {}` (or the reverse): object types Terraform cannot unify. */
const OBJECT_OR_EMPTY = /\?\s*\{[^{}]*=[^{}]*\}\s*:\s*\{\s*\}|\?\s*\{\s*\}\s*:\s*\{[^{}]*=[^{}]*\}/;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Path steps standing for an index the reference finder does not spell out. */
const COMPUTED = '[…]';
const SPLAT = '[*]';

const isIndex = (seg: string | undefined) =>
  seg !== undefined && (seg === COMPUTED || seg === SPLAT || /^(\d+|".*")$/.test(seg));

/**
 * hcl2json hands templates back with their literal quotes unescaped (`{ $.a = "${local.x}" }`),
 * which the reference finder cannot re-parse. Rebuild a quoted template: escape the literal
 * parts, keep each `${…}` interpolation as written.
 */
export function toQuotedTemplate(value: string): string {
  let out = '"';
  let i = 0;
  while (i < value.length) {
    if (value.startsWith('${', i)) {
      let depth = 0;
      let j = i + 1;
      let quote = false;
      for (; j < value.length; j++) {
        const c = value[j];
        if (quote) {
          if (c === '\\') j++;
          else if (c === '"') quote = false;
        } else if (c === '"') quote = true;
        else if (c === '{') depth++;
        else if (c === '}' && --depth === 0) break;
      }
      out += value.slice(i, j + 1);
      i = j + 1;
    } else {
      const c = value[i]!;
      out += c === '"' ? '\\"' : c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c;
      i++;
    }
  }
  return `${out}"`;
}

/** Index of the `]` closing the `[` at `open`, or -1. */
function closingBracket(text: string, open: number): number {
  let depth = 0;
  let quote = false;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === '"') quote = false;
    } else if (c === '"') quote = true;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return i;
  }
  return -1;
}

/**
 * The finder ends a reference at the first index it cannot spell out as a literal:
 * `aws_x.y[each.key].arn` comes back as `aws_x.y`, `aws_x.y[*].arn` too. Read what follows it in
 * the source: that index (COMPUTED or SPLAT), then the traversal written after it, so the
 * instance key and the attribute are checked as for `aws_x.y["k"].arn`.
 */
export function stepsAfter(tail: string): string[] {
  if (!tail.startsWith('[') && !tail.startsWith('.*')) return [];
  const steps: string[] = [];
  let i = 0;
  while (i < tail.length) {
    if (tail.startsWith('.*', i)) {
      steps.push(SPLAT);
      i += 2;
    } else if (tail[i] === '.') {
      const m = /^\.([A-Za-z_][\w-]*)/.exec(tail.slice(i));
      if (!m) break;
      steps.push(m[1]!);
      i += m[0].length;
    } else if (tail[i] === '[') {
      const end = closingBracket(tail, i);
      if (end < 0) break;
      const inner = tail.slice(i + 1, end).trim();
      steps.push(inner === '*' ? SPLAT : /^(\d+|"[^"]*")$/.test(inner) ? inner : COMPUTED);
      i = end + 1;
    } else break;
  }
  return steps;
}

const cache = new Map<string, string[]>();
/** References in an expression, each as its dot-separated path (see stepsAfter). */
async function referencesIn(file: string, expression: string): Promise<string[]> {
  let refs = cache.get(expression);
  if (!refs) {
    let parsed = expression;
    let found;
    try {
      found = await getReferencesInExpression(file, parsed);
    } catch {
      parsed = toQuotedTemplate(expression);
      found = await getReferencesInExpression(file, parsed);
    }
    // Positions are byte offsets into what was parsed.
    const bytes = Buffer.from(parsed, 'utf8');
    refs = found.map((r) =>
      [r.value, ...stepsAfter(bytes.subarray(r.endPosition).toString('utf8'))].join('.'),
    );
    cache.set(expression, refs);
  }
  return refs;
}

/** Checks `attr[.index].nested…` against a schema; returns a problem or undefined. */
function checkAttributePath(segments: string[], schema: BlockSchema): string | undefined {
  const [attr, ...rest] = segments;
  if (attr === undefined) return undefined;
  if (attr in schema.attributes) return undefined;
  const nested = schema.blocks[attr];
  if (!nested) {
    return `has no attribute "${attr}"${suggest(attr, [...Object.keys(schema.attributes), ...Object.keys(schema.blocks)])}`;
  }
  const afterIndex = isIndex(rest[0]) ? rest.slice(1) : rest;
  return checkAttributePath(afterIndex, nested.block);
}

/** An object address as `moved` and `removed` blocks write it: `[module.m[…].]type.name[key]`. */
interface Address {
  /** `module.a.module.b.`, empty for this module. */
  modulePath: string;
  /** The first module of modulePath, if any. */
  firstModule?: string;
  data: boolean;
  /** `type.name`, or undefined for a module address. */
  resource?: string;
  /** The instance key as written (`0`, `"k"`), if any. */
  key?: string;
}

/** Parses `${…}` holding a static address; undefined for anything else (an attribute, a call…). */
export function parseAddress(value: HclValue | undefined): Address | undefined {
  const m = typeof value === 'string' ? /^\$\{\s*(.*?)\s*\}$/s.exec(value) : null;
  if (!m) return undefined;
  const text = m[1]!;
  const steps: { name: string; key?: string }[] = [];
  const token = /(\.?)([A-Za-z_][\w-]*)|\[\s*(\d+|"[^"\\]*")\s*\]/y;
  while (token.lastIndex < text.length) {
    const t = token.exec(text);
    if (!t) return undefined;
    const last = steps[steps.length - 1];
    if (t[2] !== undefined) {
      if ((t[1] === '.') !== steps.length > 0) return undefined;
      steps.push({ name: t[2] });
    } else if (last && last.key === undefined) last.key = t[3];
    else return undefined;
  }
  let i = 0;
  let modulePath = '';
  let firstModule: string | undefined;
  while (steps[i]?.name === 'module' && steps[i]!.key === undefined && steps[i + 1]) {
    const mod = steps[i + 1]!;
    firstModule ??= mod.name;
    modulePath += `module.${mod.name}${mod.key === undefined ? '' : `[${mod.key}]`}.`;
    i += 2;
  }
  const rest = steps.slice(i);
  if (rest.length === 0) return firstModule ? { modulePath, firstModule, data: false } : undefined;
  const data = rest[0]!.name === 'data' && rest[0]!.key === undefined;
  const [type, name, ...more] = data ? rest.slice(1) : rest;
  if (!type || !name || type.key !== undefined || more.length > 0) return undefined;
  return {
    modulePath,
    firstModule,
    data,
    resource: `${type.name}.${name.name}`,
    key: name.key,
  };
}

/** How a moved / removed block's argument names an object. */
type AddressRole = 'to' | 'moved-from' | 'removed-from';
const ADDRESS_ARGUMENTS: Partial<Record<TopKind, Record<string, AddressRole>>> = {
  moved: { from: 'moved-from', to: 'to' },
  removed: { from: 'removed-from' },
};

/** What is wrong with the address in a moved / removed block's argument, if anything. */
function addressProblem(
  role: AddressRole,
  value: HclValue | undefined,
  other: HclValue | undefined,
  d: Declared,
): string | undefined {
  if (value === undefined) return 'missing (an address is required)';
  const address = parseAddress(value);
  const written =
    typeof value === 'string' ? value.replace(/^\$\{|\}$/g, '') : JSON.stringify(value);
  if (!address) return `"${written}" is not a resource or module address`;
  if (address.data)
    return `"${written}" is a data source: only managed resources can move or be removed`;
  const mod = address.firstModule;
  if (mod !== undefined) {
    // Inside another module: only the module call itself can be checked from here.
    if (role === 'to')
      return d.modules.has(mod) ? undefined : `moves to undeclared module "module.${mod}"`;
    const wholeCall = address.resource === undefined && address.modulePath === `module.${mod}.`;
    if (!wholeCall || !d.modules.has(mod)) return undefined;
    // Moving instances within the call (module.m[0] → module.m["k"]) keeps it declared.
    if (role === 'moved-from' && parseAddress(other)?.firstModule === mod) return undefined;
    return `"module.${mod}" is still declared: ${role === 'moved-from' ? 'a moved block moves from an address the configuration no longer has' : 'a removed block is for a module call no longer in the configuration'}`;
  }
  const resource = address.resource!;
  const declared = d.resources.get(resource);
  if (role === 'to') {
    if (!declared) return `moves to undeclared resource "${resource}"`;
    const key = address.key;
    if (key === undefined) return undefined;
    if (declared === 'single')
      return `"${resource}" has no count or for_each, so it takes no instance key [${key}]`;
    if (declared === 'count' && !/^\d+$/.test(key))
      return `"${resource}" has count: its instance keys are numbers, not [${key}]`;
    if (declared === 'for_each' && /^\d+$/.test(key))
      return `"${resource}" has for_each: its instance keys are strings, not [${key}]`;
    return undefined;
  }
  if (role === 'removed-from') {
    if (address.key !== undefined)
      return `"${written}": a removed block names a whole resource, without an instance key`;
    if (declared)
      return `"${resource}" is still declared: a removed block is for a resource no longer in the configuration`;
    return undefined;
  }
  const to = parseAddress(other);
  if (to && !to.firstModule && to.resource === resource) {
    // Within one resource (e.g. count → for_each): it stays declared, its instance keys move.
    if (to.key === address.key) return `moves "${written}" onto itself`;
    return undefined;
  }
  if (declared)
    return `"${resource}" is still declared: a moved block moves from an address the configuration no longer has`;
  return undefined;
}

export async function checkReferences(
  module: TfModule,
  schema: ProviderSchema,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  const d = declarations(module);
  const used = { variables: new Set<string>(), locals: new Set<string>() };
  const textOf = new Map(module.files.map((f) => [f.name, f.text]));

  const checkBlock = async (block: TfBlock) => {
    const sites: Site[] = [];
    // A variable's `type` is a type expression and `provider` names a provider configuration:
    // neither holds references.
    const skip = block.kind === 'variable' ? 'type' : 'provider';
    // moved / removed name objects by address, which is not an expression: checked apart.
    const addresses = ADDRESS_ARGUMENTS[block.kind] ?? {};
    const body = Object.fromEntries(
      Object.entries(block.body).filter(([k]) => k !== skip && !(k in addresses)),
    );
    collectSites(body, '', new Set(), sites);
    const rep =
      block.kind === 'resource' || block.kind === 'data' ? repetition(block.body) : 'single';
    const text = textOf.get(block.file) ?? '';
    const where = `${block.kind}${block.type ? ` "${block.type}"` : ''}${block.name ? ` "${block.name}"` : ''}`;

    for (const [key, role] of Object.entries(addresses)) {
      const issue = addressProblem(role, block.body[key], block.body.to, d);
      if (issue === undefined) continue;
      findings.push({
        rule: 'references',
        file: block.file,
        line: lineOf(text, new RegExp(`^\\s*${key}\\s*=`), block.line),
        message: `${where} ${key}: ${issue}`,
      });
    }

    for (const site of sites) {
      const keyLine = lineOf(text, new RegExp(`^\\s*(dynamic\\s+")?${site.key}\\b`), block.line);
      let ref = '';
      // The line holding the reference itself, searched from the argument it belongs to.
      const problem = (message: string) => {
        const [root, second] = ref.split('.');
        const needle = new RegExp(`\\b${escapeRegExp(`${root}.${second ?? ''}`)}`);
        findings.push({
          rule: 'references',
          file: block.file,
          line: second ? lineOf(text, needle, keyLine) : keyLine,
          message: `${where}: ${message}`,
        });
      };
      if (OBJECT_OR_EMPTY.test(site.expression)) {
        problem(
          'a conditional between an object literal and {} has inconsistent types, which Terraform rejects: filter with a for expression ({ for k, v in … : k => v if … }) instead',
        );
      }
      let refs: string[];
      try {
        refs = await referencesIn(block.file, site.expression);
      } catch (error) {
        problem(`cannot parse expression ${site.expression}: ${String(error)}`);
        continue;
      }
      for (ref of refs) {
        const seg = ref.split('.');
        const [root, second] = seg;
        if (root === undefined) continue;
        if (site.iterators.has(root)) continue;
        switch (root) {
          case 'var':
            if (second && !d.variables.has(second)) {
              problem(
                `reference to undeclared variable "var.${second}"${suggest(second, d.variables)}`,
              );
            }
            if (second) used.variables.add(second);
            continue;
          case 'local':
            if (second && !d.locals.has(second)) {
              problem(
                `reference to undeclared local "local.${second}"${suggest(second, d.locals)}`,
              );
            }
            if (second) used.locals.add(second);
            continue;
          case 'count':
            if (rep !== 'count') problem(`"${ref}" used in a block without count`);
            continue;
          case 'each':
            if (rep !== 'for_each') problem(`"${ref}" used in a block without for_each`);
            continue;
          case 'path':
          case 'terraform':
          case 'self':
            continue;
          case 'module':
            if (second && !d.modules.has(second))
              problem(`reference to undeclared module "module.${second}"`);
            continue;
          case 'data': {
            const [, type, name, ...rest] = seg;
            if (!type || !name) continue;
            checkInstance(
              `data.${type}.${name}`,
              d.data.get(`${type}.${name}`),
              schema.dataSources[type],
              rest,
              problem,
            );
            continue;
          }
          default: {
            const [type, name, ...rest] = seg;
            if (!name || !/^[a-z0-9]+_/.test(root)) {
              problem(`unknown reference "${ref}"`);
              continue;
            }
            checkInstance(
              `${type}.${name}`,
              d.resources.get(`${type}.${name}`),
              schema.resources[type!],
              rest,
              problem,
            );
          }
        }
      }
    }
  };

  for (const block of module.blocks) await checkBlock(block);

  const declaredAt = (kind: 'variable' | 'locals', name: string) => {
    for (const b of module.blocks) {
      if (kind === 'variable' && b.kind === 'variable' && b.name === name) return b;
      if (kind === 'locals' && b.kind === 'locals' && name in b.body) return b;
    }
    return undefined;
  };
  for (const v of d.variables) {
    if (used.variables.has(v)) continue;
    const b = declaredAt('variable', v);
    findings.push({
      rule: 'references',
      file: b?.file ?? '',
      line: b?.line ?? 1,
      message: `variable "${v}" is declared but not used`,
    });
  }
  for (const l of d.locals) {
    if (used.locals.has(l)) continue;
    const b = declaredAt('locals', l);
    const text = b ? (textOf.get(b.file) ?? '') : '';
    findings.push({
      rule: 'references',
      file: b?.file ?? '',
      line: b ? lineOf(text, new RegExp(`^\\s*${l}\\s*=`), b.line) : 1,
      message: `local "${l}" is declared but not used`,
    });
  }
  return findings;
}

function checkInstance(
  address: string,
  declared: Repetition | undefined,
  schema: BlockSchema | undefined,
  rest: string[],
  problem: (message: string) => void,
): void {
  if (!declared) {
    problem(
      `reference to undeclared ${address.startsWith('data.') ? 'data source' : 'resource'} "${address}"`,
    );
    return;
  }
  let attrPath = rest;
  if (declared === 'single') {
    // A splat over a single resource is a one-element list of it: allowed.
    if (rest[0] === SPLAT) attrPath = rest.slice(1);
    else if (isIndex(rest[0])) {
      const key = rest[0] === COMPUTED ? COMPUTED : `[${rest[0]}]`;
      problem(`"${address}" has no count or for_each, so it takes no instance key ${key}`);
      return;
    }
  } else if (rest.length > 0) {
    if (!isIndex(rest[0])) {
      problem(
        `"${address}" has ${declared}: reference an instance, e.g. ${address}[${declared === 'count' ? '0' : '"key"'}].${rest[0]}`,
      );
      return;
    }
    attrPath = rest.slice(1);
  }
  if (!schema) return; // the schema checker reports unknown types
  const issue = checkAttributePath(attrPath, schema);
  if (issue) problem(`"${address}" ${issue}`);
}

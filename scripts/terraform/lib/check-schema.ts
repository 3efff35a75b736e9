/**
 * Checks resources, data sources and the provider block against the provider schema: unknown
 * types, unknown or read-only arguments, unknown blocks, missing required arguments and blocks,
 * single blocks written twice.
 */
import {
  blockBodies,
  isRecord,
  lineOfKey,
  type Finding,
  type HclBody,
  type TfModule,
} from './hcl.js';
import type { BlockSchema, ProviderSchema } from './schema.js';

const RESOURCE_META = new Set([
  'count',
  'for_each',
  'depends_on',
  'provider',
  'lifecycle',
  'provisioner',
  'connection',
]);
const DATA_META = new Set(['count', 'for_each', 'depends_on', 'provider', 'lifecycle']);
const PROVIDER_META = new Set(['alias', 'version']);

/** Levenshtein distance, for "did you mean" hints. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

export function suggest(name: string, candidates: Iterable<string>): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = distance(name, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 3))
    ? ` (did you mean "${best}"?)`
    : '';
}

interface Ctx {
  text: string;
  file: string;
  line: number;
  /** `resource "aws_x" "y"` / `… > block "rule"`: where in the file we are, for messages. */
  where: string;
  findings: Finding[];
}

function report(ctx: Ctx, key: string | undefined, message: string): void {
  const line = key === undefined ? ctx.line : lineOfKey(ctx.text, key, ctx.line);
  ctx.findings.push({ rule: 'schema', file: ctx.file, line, message: `${ctx.where}: ${message}` });
}

function checkBody(body: HclBody, schema: BlockSchema, meta: Set<string>, ctx: Ctx): void {
  const written = new Map<string, number>();
  const count = (name: string, n: number) => written.set(name, (written.get(name) ?? 0) + n);

  for (const [key, value] of Object.entries(body)) {
    if (meta.has(key)) continue;
    if (key === 'dynamic') {
      for (const [name, defs] of Object.entries(isRecord(value) ? value : {})) {
        const nested = schema.blocks[name];
        if (!nested) {
          report(
            ctx,
            name,
            `unknown block type "${name}" in dynamic${suggest(name, Object.keys(schema.blocks))}`,
          );
          continue;
        }
        for (const def of blockBodies(defs)) {
          count(name, 2); // a dynamic block may yield any number: treat as "many" for `single`
          if (!('for_each' in def)) report(ctx, name, `dynamic "${name}" needs for_each`);
          for (const content of blockBodies(def.content)) {
            checkBody(content, nested.block, new Set(), {
              ...ctx,
              line: lineOfKey(ctx.text, name, ctx.line),
              where: `${ctx.where} > dynamic "${name}"`,
            });
          }
        }
      }
      continue;
    }
    const mode = schema.attributes[key];
    if (mode) {
      if (mode === 'computed')
        report(ctx, key, `"${key}" is read-only (computed by the provider) and cannot be set`);
      continue;
    }
    const nested = schema.blocks[key];
    if (nested) {
      const bodies = blockBodies(value);
      if (!Array.isArray(value) || bodies.length !== value.length) {
        report(ctx, key, `"${key}" is a block: write \`${key} { … }\`, not \`${key} = …\``);
        continue;
      }
      count(key, bodies.length);
      for (const b of bodies) {
        checkBody(b, nested.block, new Set(), {
          ...ctx,
          line: lineOfKey(ctx.text, key, ctx.line),
          where: `${ctx.where} > ${key}`,
        });
      }
      continue;
    }
    const known = [...Object.keys(schema.attributes), ...Object.keys(schema.blocks)];
    report(ctx, key, `unsupported argument "${key}"${suggest(key, known)}`);
  }

  for (const [name, mode] of Object.entries(schema.attributes)) {
    if (mode === 'required' && !(name in body))
      report(ctx, undefined, `missing required argument "${name}"`);
  }
  for (const [name, nested] of Object.entries(schema.blocks)) {
    const n = written.get(name) ?? 0;
    if (nested.required && n === 0) report(ctx, undefined, `missing required block "${name}"`);
    if (nested.single && n > 1 && !isDynamicOnly(body, name)) {
      report(ctx, name, `block "${name}" may appear at most once`);
    }
  }
}

const isDynamicOnly = (body: HclBody, name: string) =>
  !(name in body) && isRecord(body.dynamic) && name in body.dynamic;

export function checkSchema(module: TfModule, schema: ProviderSchema): Finding[] {
  const findings: Finding[] = [];
  const resourceTypes = new Set(schema.resourceTypes);
  const dataTypes = new Set(schema.dataSourceTypes);
  const textOf = new Map(module.files.map((f) => [f.name, f.text]));

  for (const block of module.blocks) {
    const ctx: Ctx = {
      text: textOf.get(block.file) ?? '',
      file: block.file,
      line: block.line,
      where: `${block.kind} "${block.type}"${block.name ? ` "${block.name}"` : ''}`,
      findings,
    };
    if (block.kind === 'resource') {
      if (!resourceTypes.has(block.type)) {
        report(
          ctx,
          undefined,
          `unknown resource type "${block.type}"${suggest(block.type, resourceTypes)}`,
        );
        continue;
      }
      const s = schema.resources[block.type];
      if (!s) {
        report(
          ctx,
          undefined,
          `no schema detail for "${block.type}": run \`npx tsx scripts/terraform/provider-schema.ts\``,
        );
        continue;
      }
      checkBody(block.body, s, RESOURCE_META, ctx);
    } else if (block.kind === 'data') {
      if (!dataTypes.has(block.type)) {
        report(
          ctx,
          undefined,
          `unknown data source type "${block.type}"${suggest(block.type, dataTypes)}`,
        );
        continue;
      }
      const s = schema.dataSources[block.type];
      if (!s) {
        report(
          ctx,
          undefined,
          `no schema detail for data "${block.type}": run \`npx tsx scripts/terraform/provider-schema.ts\``,
        );
        continue;
      }
      checkBody(block.body, s, DATA_META, ctx);
    } else if (block.kind === 'provider') {
      if (block.type !== 'aws') {
        report(ctx, undefined, `provider "${block.type}" is not declared in required_providers`);
        continue;
      }
      checkBody(block.body, schema.providerConfig, PROVIDER_META, ctx);
    }
  }
  return findings;
}

/**
 * Regenerates scripts/terraform/aws-provider-schema.json from the generated bindings in
 * `@cdktn/provider-aws`, which is fetched with `npm pack` into a temporary directory (it never
 * lands in node_modules).
 *
 *   npx tsx scripts/terraform/provider-schema.ts [--package @cdktn/provider-aws@25.7.0]
 *
 * Every resource and data source *name* is kept, so an unknown type is always caught; the full
 * argument detail is kept only for the types terraform/ and the checker fixtures use (plus any
 * `--include aws_x`), which keeps the committed file small. After adding a new resource type to
 * terraform/, run this again. Then set the same provider version in terraform/versions.tf.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { collectUsedTypes } from './lib/hcl.js';
import { SCHEMA_PATH, type BlockSchema, type ProviderSchema } from './lib/schema.js';

export const DEFAULT_PACKAGE = '@cdktn/provider-aws@25.7.0';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

// ---------------------------------------------------------------------------------------------
// Parsing the generated JavaScript. Each resource is a class `X extends cdktn.TerraformResource`
// whose getters carry `// name - computed: a, optional: b, required: c` comments and whose
// `synthesizeHclAttributes()` lists every input with `isBlock`; each nested block has a
// `fooToHclTerraform(struct)` function listing its inputs the same way and a
// `FooOutputReference` class with the same comments. Single blocks are held in an
// `OutputReference` field, repeatable ones in a `List` field.
// ---------------------------------------------------------------------------------------------

interface HclEntry {
  name: string;
  isBlock: boolean;
  /** For blocks: the generated function converting the nested block. */
  converter?: string;
}

const ENTRY =
  /(\w+): \{\s*value: ([\s\S]*?),\s*isBlock: (true|false),\s*type: "(\w+)",\s*storageClassType: "(\w+)",\s*\}/g;
const FLAGS =
  /\/\/ (\w+) - computed: (true|false), optional: (true|false), required: (true|false)/g;

function parseEntries(body: string): HclEntry[] {
  const entries: HclEntry[] = [];
  for (const m of body.matchAll(ENTRY)) {
    const [, name, value, isBlock] = m as unknown as [string, string, string, string];
    const entry: HclEntry = { name, isBlock: isBlock === 'true' };
    if (entry.isBlock) {
      const conv = /(?<![.\w])(\w+ToHclTerraform)\b/.exec(value);
      if (conv?.[1]) entry.converter = conv[1];
    }
    entries.push(entry);
  }
  return entries;
}

interface Flags {
  computed: boolean;
  optional: boolean;
  required: boolean;
}

function parseFlags(body: string): Map<string, Flags> {
  const flags = new Map<string, Flags>();
  for (const m of body.matchAll(FLAGS)) {
    const [, name, computed, optional, required] = m as unknown as string[];
    flags.set(name!, {
      computed: computed === 'true',
      optional: optional === 'true',
      required: required === 'true',
    });
  }
  return flags;
}

/** The text of a top-level `class Name` (to its `exports.Name = Name;`). */
function classBody(source: string, name: string): string | undefined {
  const start = source.indexOf(`\nclass ${name} `);
  if (start < 0) return undefined;
  const end = source.indexOf(`\nexports.${name} = ${name};`, start);
  return source.slice(start, end < 0 ? undefined : end);
}

/** The text of a top-level `function name(struct) {` (to the closing brace at column 0). */
function functionBody(source: string, name: string): string | undefined {
  const start = source.indexOf(`\nfunction ${name}(`);
  if (start < 0) return undefined;
  const end = source.indexOf('\n}\n', start);
  return source.slice(start, end < 0 ? undefined : end);
}

const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Whether a block field is held as a single OutputReference (max one block) or a List. */
function isSingle(body: string, blockName: string): boolean | undefined {
  const m = new RegExp(`_\\w+ = new (\\w+)\\(this, "${blockName}"`).exec(body);
  if (!m?.[1]) return undefined;
  return m[1].endsWith('OutputReference');
}

function modeOf(flags: Flags | undefined): 'required' | 'optional' {
  return flags?.required ? 'required' : 'optional';
}

function buildBlock(
  source: string,
  entries: HclEntry[],
  flags: Map<string, Flags>,
  holder: string | undefined,
  depth: number,
): BlockSchema {
  const block: BlockSchema = { attributes: {}, blocks: {} };
  const inputs = new Set(entries.map((e) => e.name));
  for (const entry of entries) {
    if (!entry.isBlock) {
      block.attributes[entry.name] = modeOf(flags.get(entry.name));
      continue;
    }
    let nested: BlockSchema = { attributes: {}, blocks: {} };
    if (entry.converter && depth < 12) {
      const fn = functionBody(source, entry.converter);
      const base = pascal(entry.converter.replace(/ToHclTerraform$/, ''));
      const nestedHolder = classBody(source, `${base}OutputReference`);
      if (fn) {
        nested = buildBlock(
          source,
          parseEntries(fn),
          parseFlags(nestedHolder ?? ''),
          nestedHolder,
          depth + 1,
        );
      }
    }
    const f = flags.get(entry.name);
    const single = holder ? isSingle(holder, entry.name) : undefined;
    block.blocks[entry.name] = {
      ...(f?.required ? { required: true as const } : {}),
      ...(single ? { single: true as const } : {}),
      block: nested,
    };
  }
  // Read-only attributes (arn, invoke_arn, ...) are getters with flags but no input entry.
  for (const [name, f] of flags) {
    if (!inputs.has(name) && f.computed && !f.optional && !f.required) {
      block.attributes[name] = 'computed';
    }
  }
  block.attributes = Object.fromEntries(
    Object.entries(block.attributes).sort(([a], [b]) => a.localeCompare(b)),
  );
  block.blocks = Object.fromEntries(
    Object.entries(block.blocks).sort(([a], [b]) => a.localeCompare(b)),
  );
  return block;
}

type Kind = 'resource' | 'data' | 'provider';

interface Found {
  kind: Kind;
  type: string;
  className: string;
  source: string;
}

const CLASS =
  /\nclass (\w+) extends cdktn\.Terraform(Resource|DataSource|Provider) \{[\s\S]{0,400}?static tfResourceType = "(\w+)";/g;

function scanFile(source: string): Found[] {
  const found: Found[] = [];
  for (const m of source.matchAll(CLASS)) {
    const [, className, base, type] = m as unknown as [string, string, string, string];
    const kind: Kind =
      base === 'Resource' ? 'resource' : base === 'DataSource' ? 'data' : 'provider';
    found.push({ kind, type, className, source });
  }
  return found;
}

export function schemaOf(found: Found): BlockSchema {
  const body = classBody(found.source, found.className) ?? '';
  const synth = /synthesizeHclAttributes\(\) \{([\s\S]*?)\n {4}\}/.exec(body)?.[1] ?? '';
  return buildBlock(found.source, parseEntries(synth), parseFlags(body), body, 0);
}

export interface ExtractOptions {
  /** Extracted package root (contains package.json and lib/). */
  packageDir: string;
  /** Types to keep in full detail (`aws_x`, `data.aws_y`). */
  detailed: Set<string>;
  /** Sanity floor: fewer resource types means the generated code's layout has changed. */
  minResourceTypes?: number;
}

export function extractSchema({
  packageDir,
  detailed,
  minResourceTypes = 500,
}: ExtractOptions): ProviderSchema {
  const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
    cdktf?: { provider?: { name?: string; version?: string } };
    cdktn?: { provider?: { name?: string; version?: string } };
  };
  const meta = pkg.cdktn?.provider ?? pkg.cdktf?.provider;
  if (!meta?.name || !meta.version)
    throw new Error(`${pkg.name} does not say its provider version`);

  const schema: ProviderSchema = {
    provider: {
      source: meta.name,
      version: meta.version,
      extractedFrom: `${pkg.name}@${pkg.version}`,
    },
    resourceTypes: [],
    dataSourceTypes: [],
    providerConfig: { attributes: {}, blocks: {} },
    resources: {},
    dataSources: {},
  };
  const lib = join(packageDir, 'lib');
  for (const dir of readdirSync(lib, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    let source: string;
    try {
      source = readFileSync(join(lib, dir.name, 'index.js'), 'utf8');
    } catch {
      continue;
    }
    for (const found of scanFile(source)) {
      if (found.kind === 'provider') {
        schema.providerConfig = schemaOf(found);
      } else if (found.kind === 'resource') {
        schema.resourceTypes.push(found.type);
        if (detailed.has(found.type)) schema.resources[found.type] = schemaOf(found);
      } else {
        schema.dataSourceTypes.push(found.type);
        if (detailed.has(`data.${found.type}`)) schema.dataSources[found.type] = schemaOf(found);
      }
    }
  }
  schema.resourceTypes.sort();
  schema.dataSourceTypes.sort();
  const sortKeys = <T>(o: Record<string, T>) =>
    Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
  schema.resources = sortKeys(schema.resources);
  schema.dataSources = sortKeys(schema.dataSources);
  if (schema.resourceTypes.length < minResourceTypes) {
    throw new Error(
      `only ${schema.resourceTypes.length} resource types found: has the layout changed?`,
    );
  }
  const missing = [...detailed].filter((t) =>
    t.startsWith('data.') ? !schema.dataSources[t.slice(5)] : !schema.resources[t],
  );
  if (missing.length > 0) console.warn(`not in the provider: ${missing.join(', ')}`);
  return schema;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const pkgIndex = args.indexOf('--package');
  const spec = pkgIndex >= 0 ? args[pkgIndex + 1] : DEFAULT_PACKAGE;
  if (!spec) throw new Error('--package needs a value such as @cdktn/provider-aws@25.7.0');
  const include = args.flatMap((a, i) => (args[i - 1] === '--include' ? [a] : []));

  const detailed = new Set<string>(include);
  for (const dir of [join(ROOT, 'terraform'), join(ROOT, 'test/terraform/fixtures')]) {
    for (const t of await collectUsedTypes(dir)) detailed.add(t);
  }

  const tmp = mkdtempSync(join(tmpdir(), 'provider-aws-'));
  try {
    console.log(`npm pack ${spec} → ${tmp}`);
    const out = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', tmp], {
      encoding: 'utf8',
    });
    const tarball = out.trim().split('\n').pop();
    if (!tarball) throw new Error('npm pack printed no file name');
    execFileSync('tar', ['xzf', join(tmp, tarball), '-C', tmp]);
    const schema = extractSchema({ packageDir: join(tmp, 'package'), detailed });
    const options = (await prettier.resolveConfig(SCHEMA_PATH)) ?? {};
    const text = await prettier.format(JSON.stringify(schema), { ...options, parser: 'json' });
    writeFileSync(SCHEMA_PATH, text);
    console.log(
      `${schema.provider.source} ${schema.provider.version} (from ${schema.provider.extractedFrom}): ` +
        `${schema.resourceTypes.length} resource types, ${schema.dataSourceTypes.length} data sources, ` +
        `${Object.keys(schema.resources).length + Object.keys(schema.dataSources).length} in detail → ${SCHEMA_PATH}`,
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

/**
 * The module's own artefacts: the pinned provider equals the offline schema, the schema
 * extractor reads the generated bindings correctly, the README tables are current, the example
 * tfvars only sets declared variables, and the zip writer makes valid, reproducible zips.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { parse } from '@cdktf/hcl2json';
import { afterAll, describe, expect, it } from 'vitest';
import { pinnedProviderVersion } from '../../scripts/terraform/lib/check-conventions.js';
import { formatHcl } from '../../scripts/terraform/lib/check-format.js';
import { isRecord, loadModule } from '../../scripts/terraform/lib/hcl.js';
import { loadProviderSchema } from '../../scripts/terraform/lib/schema.js';
import { updatedReadme } from '../../scripts/terraform/docs.js';
import { DEFAULT_PACKAGE, extractSchema } from '../../scripts/terraform/provider-schema.js';
import { zipDirectory } from '../../scripts/terraform/zip.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TERRAFORM = join(ROOT, 'terraform');
const scratch = mkdtempSync(join(tmpdir(), 'darkroom-tf-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('provider pin', () => {
  it('versions.tf pins the exact AWS provider version the offline schema was extracted from', async () => {
    const schema = loadProviderSchema();
    expect(schema.provider.source).toBe('registry.terraform.io/hashicorp/aws');
    expect(schema.provider.version).toMatch(/^6\.\d+\.\d+$/);
    expect(pinnedProviderVersion(await loadModule(TERRAFORM))).toBe(schema.provider.version);
    expect(schema.provider.extractedFrom).toBe(DEFAULT_PACKAGE);
  });
});

describe('schema extractor', () => {
  // A miniature of the code cdktn generates for one resource: a class with flag comments and
  // synthesizeHclAttributes(), a nested block converter, its OutputReference and a List field.
  const GENERATED = `"use strict";
function widgetRuleToHclTerraform(struct) {
    const attrs = {
        id: {
            value: cdktn.stringToHclTerraform(struct.id),
            isBlock: false,
            type: "simple",
            storageClassType: "string",
        },
    };
    return attrs;
}
class WidgetRuleOutputReference extends cdktn.ComplexObject {
    // id - computed: false, optional: false, required: true
    _id;
}
exports.WidgetRuleOutputReference = WidgetRuleOutputReference;
class Widget extends cdktn.TerraformResource {
    static tfResourceType = "aws_widget";
    // arn - computed: true, optional: false, required: false
    get arn() { return this.getStringAttribute('arn'); }
    // name - computed: false, optional: false, required: true
    _name;
    // size - computed: true, optional: true, required: false
    _size;
    // rule - computed: false, optional: true, required: false
    _rule = new WidgetRuleList(this, "rule", false);
    // timeouts - computed: false, optional: true, required: false
    _timeouts = new WidgetTimeoutsOutputReference(this, "timeouts");
    synthesizeHclAttributes() {
        const attrs = {
            name: {
                value: cdktn.stringToHclTerraform(this._name),
                isBlock: false,
                type: "simple",
                storageClassType: "string",
            },
            size: {
                value: cdktn.numberToHclTerraform(this._size),
                isBlock: false,
                type: "simple",
                storageClassType: "number",
            },
            rule: {
                value: cdktn.listMapperHcl(widgetRuleToHclTerraform, true)(this._rule.internalValue),
                isBlock: true,
                type: "list",
                storageClassType: "WidgetRuleList",
            },
            timeouts: {
                value: widgetTimeoutsToHclTerraform(this._timeouts.internalValue),
                isBlock: true,
                type: "struct",
                storageClassType: "WidgetTimeouts",
            },
        };
        return attrs;
    }
}
exports.Widget = Widget;
`;

  it('reads arguments, read-only attributes, nested blocks and their cardinality', () => {
    const pkg = join(scratch, 'package');
    mkdirSync(join(pkg, 'lib', 'widget'), { recursive: true });
    writeFileSync(
      join(pkg, 'package.json'),
      JSON.stringify({
        name: '@cdktn/provider-aws',
        version: '0.0.1',
        cdktn: { provider: { name: 'registry.terraform.io/hashicorp/aws', version: '6.1.2' } },
      }),
    );
    writeFileSync(join(pkg, 'lib', 'widget', 'index.js'), GENERATED);
    const schema = extractSchema({
      packageDir: pkg,
      detailed: new Set(['aws_widget']),
      minResourceTypes: 1,
    });
    expect(schema.provider).toEqual({
      source: 'registry.terraform.io/hashicorp/aws',
      version: '6.1.2',
      extractedFrom: '@cdktn/provider-aws@0.0.1',
    });
    expect(schema.resourceTypes).toEqual(['aws_widget']);
    expect(schema.resources.aws_widget).toEqual({
      attributes: { arn: 'computed', name: 'required', size: 'optional' },
      blocks: {
        rule: { block: { attributes: { id: 'required' }, blocks: {} } },
        timeouts: { single: true, block: { attributes: {}, blocks: {} } },
      },
    });
  });

  it('the committed schema has detail for every type terraform/ uses', async () => {
    const schema = loadProviderSchema();
    for (const block of (await loadModule(TERRAFORM)).blocks) {
      if (block.kind === 'resource') expect(schema.resources[block.type], block.type).toBeDefined();
      if (block.kind === 'data') expect(schema.dataSources[block.type], block.type).toBeDefined();
    }
  });
});

describe('state addresses', () => {
  it('existing stacks keep their functions: the three old resources move into the for_each', async () => {
    const moves = (await loadModule(TERRAFORM)).blocks
      .filter((b) => b.kind === 'moved')
      .map((b) => [b.body.from, b.body.to]);
    expect(moves).toEqual(
      expect.arrayContaining([
        ['${aws_lambda_function.api}', '${aws_lambda_function.this["api"]}'],
        ['${aws_lambda_function.processor}', '${aws_lambda_function.this["processor"]}'],
        ['${aws_lambda_function.report[0]}', '${aws_lambda_function.this["report"]}'],
      ]),
    );
  });
});

describe('dependency graph', () => {
  // Terraform orders whole resources, data sources and locals, never single instances or map
  // entries: a reference from one instance of a for_each resource is a reference from all of
  // them. A cycle at that level is a plan-time error (`Cycle: …`) that nothing else here sees.
  it('has no cycle between resources, data sources, locals and outputs', async () => {
    const module = await loadModule(TERRAFORM);
    const edges = new Map<string, Set<string>>();
    const add = (node: string, body: unknown) => {
      const text = JSON.stringify(body);
      const refs = [...text.matchAll(/(?<![\w.])(data\.\w+\.\w+|local\.\w+|aws_\w+\.\w+)/g)].map(
        (m) => m[1]!,
      );
      edges.set(node, new Set([...(edges.get(node) ?? []), ...refs]));
    };
    for (const b of module.blocks) {
      if (b.kind === 'resource') add(`${b.type}.${b.name}`, b.body);
      else if (b.kind === 'data') add(`data.${b.type}.${b.name}`, b.body);
      else if (b.kind === 'output') add(`output.${b.name}`, b.body);
      else if (b.kind === 'locals') {
        for (const [name, value] of Object.entries(b.body)) add(`local.${name}`, value);
      }
    }
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const path: string[] = [];
    const visit = (node: string) => {
      state.set(node, 'open');
      path.push(node);
      for (const next of edges.get(node) ?? []) {
        if (!edges.has(next)) continue;
        if (state.get(next) === 'open') {
          cycles.push([...path.slice(path.indexOf(next)), next].join(' → '));
        } else if (!state.has(next)) visit(next);
      }
      path.pop();
      state.set(node, 'done');
    };
    for (const node of edges.keys()) if (!state.has(node)) visit(node);
    expect(cycles).toEqual([]);
    // The scan sees the edges that matter here (a cycle would run through them).
    expect([...edges.get('aws_cloudfront_distribution.delivery')!]).toContain(
      'aws_lambda_function_url.delivery',
    );
    expect([...edges.get('local.distribution_environment')!]).toContain(
      'aws_cloudfront_distribution.delivery',
    );
  });
});

describe('README and example', () => {
  it('the Inputs / Outputs tables in terraform/README.md are generated from the current .tf files', async () => {
    const { current, updated } = await updatedReadme(TERRAFORM);
    expect(current, 'run: npx tsx scripts/terraform/docs.ts').toBe(updated);
  });

  it('terraform.tfvars.example parses, is formatted, and sets only declared variables (all required ones)', async () => {
    const text = readFileSync(join(TERRAFORM, 'terraform.tfvars.example'), 'utf8');
    expect(await formatHcl(text)).toBe(text);
    const values = (await parse('terraform.tfvars.example', text)) as Record<string, unknown>;
    const variables = (await loadModule(TERRAFORM)).blocks.filter((b) => b.kind === 'variable');
    const declared = new Set(variables.map((v) => v.name));
    expect(Object.keys(values).filter((k) => !declared.has(k))).toEqual([]);
    const required = variables.filter((v) => !('default' in v.body)).map((v) => v.name);
    expect(required.filter((name) => !(name in values))).toEqual([]);
    // tfvars cannot call functions or reference anything: only literal values (and heredocs).
    expect(JSON.stringify(values)).not.toMatch(/\$\{/);
    const subscriptions = values.notification_subscriptions;
    expect(isRecord(subscriptions)).toBe(true);
  });
});

describe('zip writer', () => {
  it('writes a valid zip, byte-for-byte the same for the same files', () => {
    const dir = join(scratch, 'zip-src');
    mkdirSync(join(dir, 'node_modules', 'pkg'), { recursive: true });
    writeFileSync(join(dir, 'index.mjs'), 'export const handler = async () => 42;\n');
    writeFileSync(join(dir, 'node_modules', 'pkg', 'data.txt'), 'x'.repeat(10_000));
    const a = join(scratch, 'a.zip');
    const b = join(scratch, 'b.zip');
    zipDirectory(dir, a);
    zipDirectory(dir, b);
    const zip = readFileSync(a);
    expect(zip.equals(readFileSync(b))).toBe(true);

    // Read it back: end of central directory → central entries → local data.
    const end = zip.length - 22;
    expect(zip.readUInt32LE(end)).toBe(0x06054b50);
    const count = zip.readUInt16LE(end + 10);
    let at = zip.readUInt32LE(end + 16);
    const files: Record<string, string> = {};
    for (let i = 0; i < count; i++) {
      expect(zip.readUInt32LE(at)).toBe(0x02014b50);
      const method = zip.readUInt16LE(at + 10);
      const size = zip.readUInt32LE(at + 20);
      const nameLength = zip.readUInt16LE(at + 28);
      const offset = zip.readUInt32LE(at + 42);
      const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
      const dataStart = offset + 30 + zip.readUInt16LE(offset + 26) + zip.readUInt16LE(offset + 28);
      const body = zip.subarray(dataStart, dataStart + size);
      files[name] = (method === 8 ? inflateRawSync(body) : body).toString('utf8');
      at += 46 + nameLength;
    }
    expect(Object.keys(files)).toEqual(['index.mjs', 'node_modules/pkg/data.txt']);
    expect(files['index.mjs']).toContain('handler');
    expect(files['node_modules/pkg/data.txt']).toHaveLength(10_000);
  });
});

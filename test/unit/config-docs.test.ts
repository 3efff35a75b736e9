/**
 * The configuration table in docs/CONFIGURATION.md is generated from the zod schemas in
 * src/config/ (npm run config:docs): it must be current, list every setting once, and every
 * setting must carry a description, which is where the table's meaning comes from.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as z from '../../src/model/zod.js';
import {
  BEGIN,
  DOC,
  END,
  descriptionOf,
  type EnvSchema,
  renderTable,
  updatedDoc,
} from '../../scripts/config-docs.js';
import { LOCAL_ONLY_SETTINGS, RUNTIME_SETTINGS, doc } from '../../src/config/env.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The generated section's rows, by variable name. */
function rows(): Map<string, string> {
  const doc = readFileSync(DOC, 'utf8');
  const section = doc.slice(doc.indexOf(BEGIN), doc.indexOf(END));
  const byName = new Map<string, string>();
  for (const line of section.split('\n')) {
    const name = /^\| `(\w+)`/.exec(line)?.[1];
    if (!name) continue;
    expect(byName.has(name), `${name} is listed twice`).toBe(false);
    byName.set(name, line);
  }
  return byName;
}

/** Every `…EnvSchema` that src/config/ exports, by module and name. */
async function exportedSchemas(): Promise<{ name: string; schema: EnvSchema }[]> {
  const found: { name: string; schema: EnvSchema }[] = [];
  for (const file of readdirSync(join(ROOT, 'src', 'config')).filter((f) => f.endsWith('.ts'))) {
    const url = pathToFileURL(join(ROOT, 'src', 'config', file)).href;
    const module = (await import(url)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module))
      if (name.endsWith('EnvSchema') && value instanceof z.ZodMiniObject)
        found.push({ name: `${file}: ${name}`, schema: value as EnvSchema });
  }
  return found;
}

describe('configuration table (docs/CONFIGURATION.md)', () => {
  it('is generated from the current schemas', async () => {
    const { current, updated } = await updatedDoc();
    expect(current, 'run: npm run config:docs').toBe(updated);
  });

  it('lists every key of every env schema in src/config/ once, and nothing else', async () => {
    const schemas = await exportedSchemas();
    expect(schemas.map((s) => s.name)).toEqual(
      expect.arrayContaining([
        'api.ts: apiEnvSchema',
        'delivery.ts: deliveryEnvSchema',
        'local.ts: localEnvSchema',
        'processor.ts: processorEnvSchema',
        'report.ts: reportEnvSchema',
      ]),
    );
    const keys = new Set(schemas.flatMap((s) => Object.keys(s.schema.shape)));
    expect([...rows().keys()].sort()).toEqual([...keys].sort());
  });

  it('every setting of every schema has a description', async () => {
    const missing: string[] = [];
    for (const { name, schema } of await exportedSchemas())
      for (const [key, field] of Object.entries(schema.shape))
        if (!descriptionOf(field)) missing.push(`${key} (${name})`);
    expect(missing, 'give these fields a description with doc()').toEqual([]);
  });

  it('the generator refuses a setting without a description', () => {
    const schema = z.object({
      DESCRIBED: doc(z.string(), 'Has one.'),
      BARE: z.optional(z.string()),
    });
    expect(() => renderTable([{ name: 'test', schema }])).toThrow(/BARE \(test\)/);
  });

  it("shows each default as the schema gives it, a computed one in words, '—' for none", () => {
    const table = rows();
    expect(table.get('PORT')).toMatch(/^\| `PORT` +\| `4000` +\| local stack +\|/);
    expect(table.get('MAX_UPLOAD_BYTES')).toContain('`26214400` (25 MB)');
    expect(table.get('MODERATION_REJECT_LABELS')).toContain('`Explicit,Explicit Nudity`');
    expect(table.get('GRAPHIQL')).toContain('`true`');
    // The CPU count of the machine that ran the generator would make the table differ by machine.
    expect(table.get('PROCESSOR_CONCURRENCY')).toContain('the CPU count');
    expect(table.get('TOPIC_ARN')).toMatch(/^\| `TOPIC_ARN` +\| — +\|/);
    // Required by the functions, defaulted by the local stack, which hands its value on.
    expect(table.get('TABLE_NAME')).toMatch(
      /local stack:_ `darkroom`.*API, processor, delivery, report:_ — \(required\)/,
    );
  });

  it('marks what Terraform must not set: the runtime’s settings and the embedded default’s own', () => {
    const table = rows();
    for (const name of RUNTIME_SETTINGS)
      expect(table.get(name)).toContain('Lambda runtime sets it');
    for (const name of LOCAL_ONLY_SETTINGS)
      expect(table.get(name)).toContain('Embedded default only');
  });

  it("notes POWERTOOLS_LOG_LEVEL with npm start's default", () => {
    const start = readFileSync(join(ROOT, 'scripts', 'start', 'run.ts'), 'utf8');
    const level = /POWERTOOLS_LOG_LEVEL \?\?= '(\w+)'/.exec(start)?.[1];
    expect(level, 'scripts/start/run.ts sets a default POWERTOOLS_LOG_LEVEL').toBeDefined();
    const doc = readFileSync(DOC, 'utf8');
    expect(doc.slice(doc.indexOf(END))).toMatch(
      new RegExp(`POWERTOOLS_LOG_LEVEL[\\s\\S]*npm start[\\s\\S]*\`${level}\``),
    );
  });
});

/**
 * Writes the configuration table of docs/CONFIGURATION.md from the zod schemas in src/config/
 * (between the BEGIN_CONFIG_DOCS / END_CONFIG_DOCS markers), as scripts/terraform/docs.ts does
 * for terraform/README.md. Every variable is listed once: its default as the schema itself gives
 * it (an unset value parsed through the field), who reads it, and its meaning, which is the
 * field's description (`doc()` in src/config/env.ts).
 *
 *   npm run config:docs            # rewrite the table
 *   npm run config:docs -- --check # exit 1 if it is out of date (the tests do this)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import * as z from '../src/model/zod.js';
import { apiEnvSchema } from '../src/config/api.js';
import { deliveryEnvSchema } from '../src/config/delivery.js';
import { LOCAL_ONLY_SETTINGS, RUNTIME_SETTINGS } from '../src/config/env.js';
import { localEnvSchema } from '../src/config/local.js';
import { processorEnvSchema } from '../src/config/processor.js';
import { reportEnvSchema } from '../src/config/report.js';

export const BEGIN = '<!-- BEGIN_CONFIG_DOCS -->';
export const END = '<!-- END_CONFIG_DOCS -->';

export const DOC = fileURLToPath(new URL('../docs/CONFIGURATION.md', import.meta.url));

/** A schema whose keys are environment variable names. */
export type EnvSchema = z.ZodMiniObject<Record<string, z.ZodMiniType>>;

/** A schema and who reads it: the embedded default itself, or one of the functions. */
export interface Home {
  name: string;
  schema: EnvSchema;
}

/** In the order the table lists them (a variable's row comes where it is first read). */
export const HOMES: readonly Home[] = [
  { name: 'local stack', schema: localEnvSchema },
  { name: 'API', schema: apiEnvSchema },
  { name: 'processor', schema: processorEnvSchema },
  { name: 'delivery', schema: deliveryEnvSchema },
  { name: 'report', schema: reportEnvSchema },
];

/** One home's view of a variable. */
interface Reading {
  home: string;
  default: string;
  description: string;
}

export interface Setting {
  name: string;
  readings: Reading[];
}

const MB = 1024 * 1024;

/** A default in the form the variable is written in, plus a reading aid for sizes and times. */
function showValue(name: string, value: unknown): string {
  const written = Array.isArray(value) ? value.join(',') : String(value);
  let aid = '';
  if (typeof value === 'number' && name.endsWith('_BYTES') && value % MB === 0)
    aid = ` (${value / MB} MB)`;
  if (typeof value === 'number' && name.endsWith('_SECONDS') && value >= 120 && value % 60 === 0)
    aid = value % 3600 === 0 ? ` (${value / 3600} h)` : ` (${value / 60} min)`;
  return `\`${written}\`${aid}`;
}

/**
 * The field's default, from the schema itself: a default computed where it runs says so in words
 * (`defaultText`); otherwise an unset value is parsed through the field, so what is shown is what
 * an unset variable becomes. "—" when there is none; "— (required)" when it must be set.
 */
export function defaultOf(name: string, field: z.ZodMiniType): string {
  const words = z.globalRegistry.get(field)?.defaultText;
  if (typeof words === 'string' && words.trim()) return words.trim();
  const parsed = field.safeParse(undefined);
  if (!parsed.success) return '— (required)';
  return parsed.data === undefined ? '—' : showValue(name, parsed.data);
}

export const descriptionOf = (field: z.ZodMiniType): string =>
  (z.globalRegistry.get(field)?.description ?? '').trim();

/** Every variable once, in first-read order, with each home's default and description. */
export function collectSettings(homes: readonly Home[] = HOMES): Setting[] {
  const byName = new Map<string, Setting>();
  const missing: string[] = [];
  for (const home of homes) {
    for (const [name, field] of Object.entries(home.schema.shape)) {
      const description = descriptionOf(field);
      if (!description) missing.push(`${name} (${home.name})`);
      const setting = byName.get(name) ?? { name, readings: [] };
      setting.readings.push({ home: home.name, default: defaultOf(name, field), description });
      byName.set(name, setting);
    }
  }
  if (missing.length > 0)
    throw new Error(
      `settings without a description (give it one with doc() in src/config/): ${missing.join(', ')}`,
    );
  return [...byName.values()];
}

const cell = (s: string) => s.replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|');

/** One text when every home agrees, else each distinct one with the homes it is theirs. */
function merged(readings: Reading[], pick: (r: Reading) => string, separator: string): string {
  const groups = new Map<string, string[]>();
  for (const r of readings) groups.set(pick(r), [...(groups.get(pick(r)) ?? []), r.home]);
  if (groups.size === 1) return [...groups.keys()][0]!;
  return [...groups].map(([text, homes]) => `_${homes.join(', ')}:_ ${text}`).join(separator);
}

function mark(name: string): string {
  if ((RUNTIME_SETTINGS as readonly string[]).includes(name))
    return ' _On AWS the Lambda runtime sets it; Terraform does not._';
  if ((LOCAL_ONLY_SETTINGS as readonly string[]).includes(name))
    return ' _Embedded default only: never set on AWS._';
  return '';
}

export function renderTable(homes: readonly Home[] = HOMES): string {
  const rows = collectSettings(homes).map((s) => {
    const meaning = merged(s.readings, (r) => r.description, '<br>') + mark(s.name);
    const readBy = s.readings.map((r) => r.home).join(', ');
    return `| \`${s.name}\` | ${cell(merged(s.readings, (r) => r.default, '<br>'))} | ${readBy} | ${cell(meaning)} |`;
  });
  return [
    BEGIN,
    '',
    '| variable | default | read by | meaning |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
    END,
  ].join('\n');
}

/** The document with its generated section replaced, formatted as the repository's Prettier wants. */
export async function updatedDoc(
  path: string = DOC,
): Promise<{ current: string; updated: string }> {
  const current = readFileSync(path, 'utf8');
  const start = current.indexOf(BEGIN);
  const end = current.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${path} has no ${BEGIN} … ${END} section`);
  const replaced = current.slice(0, start) + renderTable() + current.slice(end + END.length);
  const options = (await prettier.resolveConfig(path)) ?? {};
  const updated = await prettier.format(replaced, { ...options, filepath: path });
  return { current, updated };
}

async function main(): Promise<void> {
  const { current, updated } = await updatedDoc();
  if (process.argv.includes('--check')) {
    if (current !== updated) {
      console.error(`${DOC}: the configuration table is out of date: run npm run config:docs`);
      process.exitCode = 1;
    }
    return;
  }
  if (current !== updated) writeFileSync(DOC, updated);
  console.log(current === updated ? `${DOC} is up to date` : `${DOC} updated`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

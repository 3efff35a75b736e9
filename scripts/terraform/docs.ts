/**
 * Writes the Inputs and Outputs tables of terraform/README.md from variables.tf and outputs.tf
 * (between the BEGIN_TF_DOCS / END_TF_DOCS markers), like terraform-docs would.
 *
 *   npx tsx scripts/terraform/docs.ts          # rewrite the README section
 *   npx tsx scripts/terraform/docs.ts --check  # exit 1 if it is out of date (the tests do this)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { loadModule, type HclValue } from './lib/hcl.js';

export const BEGIN = '<!-- BEGIN_TF_DOCS -->';
export const END = '<!-- END_TF_DOCS -->';

const text = (v: HclValue | undefined) => (typeof v === 'string' ? v : '');

const cell = (s: string) => s.replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|');

/** hcl2json writes expressions as `${…}`; show them as Terraform source. */
const unwrap = (s: string) => s.replace(/^\$\{([\s\S]*)\}$/, '$1');

function renderValue(value: HclValue): string {
  if (typeof value === 'string')
    return value.startsWith('${') ? unwrap(value) : JSON.stringify(value);
  return JSON.stringify(value);
}

export async function renderDocs(dir: string): Promise<string> {
  const module = await loadModule(dir);
  const variables = module.blocks.filter((b) => b.kind === 'variable');
  const outputs = module.blocks.filter((b) => b.kind === 'output');
  const lines = [
    BEGIN,
    '## Inputs',
    '',
    '| Name | Description | Type | Default | Required |',
    '|------|-------------|------|---------|:--------:|',
    ...variables.map((v) => {
      const type = typeof v.body.type === 'string' ? unwrap(v.body.type) : '';
      const hasDefault = 'default' in v.body;
      const def = hasDefault ? `\`${cell(renderValue(v.body.default ?? null))}\`` : 'n/a';
      return `| \`${v.name}\` | ${cell(text(v.body.description))} | \`${cell(type)}\` | ${def} | ${hasDefault ? 'no' : 'yes'} |`;
    }),
    '',
    '## Outputs',
    '',
    '| Name | Description |',
    '|------|-------------|',
    ...outputs.map((o) => `| \`${o.name}\` | ${cell(text(o.body.description))} |`),
    END,
  ];
  return lines.join('\n');
}

/** The README with its generated section replaced. */
export async function updatedReadme(dir: string): Promise<{ current: string; updated: string }> {
  const path = join(dir, 'README.md');
  const current = readFileSync(path, 'utf8');
  const start = current.indexOf(BEGIN);
  const end = current.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${path} has no ${BEGIN} … ${END} section`);
  const replaced =
    current.slice(0, start) + (await renderDocs(dir)) + current.slice(end + END.length);
  // The repository's Prettier checks markdown too (it aligns the tables): write what it wants.
  const options = (await prettier.resolveConfig(path)) ?? {};
  const updated = await prettier.format(replaced, { ...options, filepath: path });
  return { current, updated };
}

async function main(): Promise<void> {
  const dir = resolve(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'terraform');
  const { current, updated } = await updatedReadme(dir);
  if (process.argv.includes('--check')) {
    if (current !== updated) {
      console.error(
        `${dir}/README.md inputs/outputs are out of date: run npx tsx scripts/terraform/docs.ts`,
      );
      process.exitCode = 1;
    }
    return;
  }
  if (current !== updated) writeFileSync(join(dir, 'README.md'), updated);
  console.log(current === updated ? 'README.md is up to date' : 'README.md updated');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

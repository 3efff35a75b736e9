/**
 * Registry-module conventions: the standard files, an exactly pinned provider matching the
 * offline schema, every variable typed and described, every output described, variables and
 * outputs in their own files.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { blockBodies, isRecord, type Finding, type TfModule } from './hcl.js';
import type { ProviderSchema } from './schema.js';

export const STANDARD_FILES = [
  'versions.tf',
  'providers.tf',
  'variables.tf',
  'outputs.tf',
  'README.md',
];

/** The `version` of required_providers.aws, as written. */
export function pinnedProviderVersion(module: TfModule): string | undefined {
  for (const b of module.blocks) {
    if (b.kind !== 'terraform') continue;
    for (const rp of blockBodies(b.body.required_providers)) {
      const aws = rp.aws;
      if (isRecord(aws) && typeof aws.version === 'string') return aws.version;
    }
  }
  return undefined;
}

export function checkConventions(module: TfModule, schema: ProviderSchema): Finding[] {
  const findings: Finding[] = [];
  const add = (file: string, line: number, message: string) =>
    findings.push({ rule: 'conventions', file, line, message });

  for (const name of STANDARD_FILES) {
    if (!existsSync(join(module.dir, name))) add(name, 1, `missing ${name}`);
  }

  const terraform = module.blocks.find((b) => b.kind === 'terraform');
  if (!terraform) {
    add('versions.tf', 1, 'no terraform block with required_version and required_providers');
  } else {
    if (terraform.file !== 'versions.tf')
      add(terraform.file, terraform.line, 'the terraform block belongs in versions.tf');
    if (typeof terraform.body.required_version !== 'string') {
      add(terraform.file, terraform.line, 'terraform block has no required_version');
    }
    const version = pinnedProviderVersion(module);
    if (version === undefined) {
      add(terraform.file, terraform.line, 'required_providers has no aws entry with a version');
    } else if (!/^\d+\.\d+\.\d+$/.test(version.replace(/^=\s*/, ''))) {
      add(
        terraform.file,
        terraform.line,
        `aws provider version "${version}" is not pinned to one exact version`,
      );
    } else if (version.replace(/^=\s*/, '') !== schema.provider.version) {
      add(
        terraform.file,
        terraform.line,
        `aws provider pinned to ${version} but the offline schema is ${schema.provider.version} (from ${schema.provider.extractedFrom}): regenerate it`,
      );
    }
  }

  for (const b of module.blocks) {
    if (b.kind === 'provider' && b.file !== 'providers.tf')
      add(b.file, b.line, `provider "${b.type}" belongs in providers.tf`);
    if (b.kind === 'variable') {
      if (b.file !== 'variables.tf')
        add(b.file, b.line, `variable "${b.name}" belongs in variables.tf`);
      if (typeof b.body.description !== 'string' || b.body.description.trim().length < 10) {
        add(b.file, b.line, `variable "${b.name}" has no description`);
      }
      if (!('type' in b.body)) add(b.file, b.line, `variable "${b.name}" has no type`);
    }
    if (b.kind === 'output') {
      if (b.file !== 'outputs.tf') add(b.file, b.line, `output "${b.name}" belongs in outputs.tf`);
      if (typeof b.body.description !== 'string' || b.body.description.trim().length < 10) {
        add(b.file, b.line, `output "${b.name}" has no description`);
      }
    }
  }
  return findings;
}

/** Runs every offline Terraform check over one module directory. */
import { checkConventions } from './check-conventions.js';
import { checkFormat } from './check-format.js';
import { checkIam } from './check-iam.js';
import { checkReferences } from './check-references.js';
import { checkSchema } from './check-schema.js';
import { loadModule, type Finding, type TfModule } from './hcl.js';
import { loadProviderSchema, type ProviderSchema } from './schema.js';

export const CHECKS = ['syntax', 'format', 'schema', 'references', 'iam', 'conventions'] as const;
export type CheckName = (typeof CHECKS)[number];

export async function runCheck(
  name: CheckName,
  module: TfModule,
  schema: ProviderSchema,
): Promise<Finding[]> {
  switch (name) {
    case 'syntax':
      return module.errors;
    case 'format':
      return checkFormat(module);
    case 'schema':
      return checkSchema(module, schema);
    case 'references':
      return checkReferences(module, schema);
    case 'iam':
      return checkIam(module);
    case 'conventions':
      return checkConventions(module, schema);
  }
}

export async function checkModule(
  dir: string,
  only: readonly CheckName[] = CHECKS,
  schema: ProviderSchema = loadProviderSchema(),
): Promise<Finding[]> {
  const module = await loadModule(dir);
  const findings: Finding[] = [];
  for (const name of only) findings.push(...(await runCheck(name, module, schema)));
  return findings;
}

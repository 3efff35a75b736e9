/**
 * The offline AWS provider schema: the shape `provider-schema.ts` writes and the checkers read.
 * Rebuilt from the generated bindings in `@cdktn/provider-aws` (one npm version = one provider
 * version), because no terraform binary, and so no `terraform providers schema`, can run here.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** How an attribute may be used: set by the author (required/optional) or only read (computed). */
export type AttributeMode = 'required' | 'optional' | 'computed';

export interface BlockSchema {
  attributes: Record<string, AttributeMode>;
  blocks: Record<string, NestedBlockSchema>;
}

export interface NestedBlockSchema {
  /** At least one such block must be written. */
  required?: true;
  /** At most one such block may be written. */
  single?: true;
  block: BlockSchema;
}

export interface ProviderSchema {
  provider: {
    /** Registry source, e.g. registry.terraform.io/hashicorp/aws. */
    source: string;
    /** The exact provider version the bindings were generated from. */
    version: string;
    /** The npm package and version the schema was extracted from. */
    extractedFrom: string;
  };
  /** Every resource / data source type the provider has (detail is kept only for the ones used). */
  resourceTypes: string[];
  dataSourceTypes: string[];
  /** The provider block's own configuration. */
  providerConfig: BlockSchema;
  resources: Record<string, BlockSchema>;
  dataSources: Record<string, BlockSchema>;
}

export const SCHEMA_PATH = fileURLToPath(new URL('../aws-provider-schema.json', import.meta.url));

export function loadProviderSchema(path: string = SCHEMA_PATH): ProviderSchema {
  return JSON.parse(readFileSync(path, 'utf8')) as ProviderSchema;
}

/** terraform/ as the Terraform tests read it: its blocks, its locals merged, a block by name. */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  loadModule,
  type HclBody,
  type HclValue,
  type TfModule,
} from '../../scripts/terraform/lib/hcl.js';

export type BlockKind = 'resource' | 'data' | 'output' | 'variable';

export interface LoadedModule {
  tf: TfModule;
  /** Every `locals` block's entries, as one scope. */
  locals: Record<string, HclValue>;
  /** A block's body; `type` is ignored for outputs and variables. Throws when there is none. */
  block: (kind: BlockKind, type: string, name: string) => HclBody;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export async function loadTerraformModule(): Promise<LoadedModule> {
  const tf = await loadModule(join(ROOT, 'terraform'));
  const locals = Object.assign(
    {},
    ...tf.blocks.filter((b) => b.kind === 'locals').map((b) => b.body),
  ) as Record<string, HclValue>;
  const block = (kind: BlockKind, type: string, name: string) => {
    const found = tf.blocks.find(
      (b) =>
        b.kind === kind &&
        (kind === 'output' || kind === 'variable' || b.type === type) &&
        b.name === name,
    );
    if (!found) throw new Error(`terraform/ has no ${kind} "${type}" "${name}"`);
    return found.body;
  };
  return { tf, locals, block };
}

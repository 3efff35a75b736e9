import type { ApiContext } from '../context.js';
import { badUserInput } from '../errors.js';
import type { Preset } from '../../presets/types.js';

/** Argument checks shared by several fields; each refusal is BAD_USER_INPUT and changes nothing. */

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function checkId(id: string): string {
  if (!UUID.test(id)) throw badUserInput(`id must be an image id (a UUID); got "${id}"`, 'id');
  return id.toLowerCase();
}

/** The named preset, or BAD_USER_INPUT listing those there are; nothing is written before this. */
export function requirePreset(ctx: ApiContext, name: string): Preset {
  const preset = ctx.config.presets.get(name);
  if (!preset) {
    throw badUserInput(
      `Unknown preset "${name}". Available: ${ctx.config.presets.names().join(', ')}.`,
      'preset',
    );
  }
  return preset;
}

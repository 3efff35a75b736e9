import type { Preset } from './types.js';

/** The presets a deployment offers, by name; built from a validated presets file. */
export class PresetCatalog {
  private readonly byName: Map<string, Preset>;

  constructor(
    presets: Preset[],
    /** Where they came from, for messages. */
    readonly source: string,
  ) {
    this.byName = new Map(presets.map((p) => [p.name, p]));
  }

  get(name: string): Preset | undefined {
    return this.byName.get(name);
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  list(): Preset[] {
    return [...this.byName.values()];
  }
}

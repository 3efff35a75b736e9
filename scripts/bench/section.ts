import type { Stack } from '../../src/local/stack.js';
import type { NodeDriver } from './drivers.js';
import type { Photos } from './inputs.js';
import type { ComparedOutputs } from './outputs.js';
import type { Target } from './stats.js';

/** What each part of the benchmark gets, and what it hands to the report. */

export const SECTIONS = [
  'compare',
  'small',
  'big',
  'heic',
  'bomb',
  'api',
  'metrics',
  'embedded',
  'concurrency',
  'delivery',
] as const;
export type SectionId = (typeof SECTIONS)[number];

export interface BenchOptions {
  quick: boolean;
  /** Timed runs of every measurement (at least 3). */
  runs: number;
  sections: SectionId[];
  /** Where the report goes; undefined: print only. */
  out: string | undefined;
}

export interface BenchContext {
  options: BenchOptions;
  photos: Photos;
  outputs: ComparedOutputs;
  drivers: Record<NodeDriver, string>;
  /** A folder for this run's scratch files, removed at the end. */
  scratch: string;
  /**
   * An embedded default on free ports with a throwaway data folder and no analyser, shared by the
   * sections that need a table and buckets; started on first use.
   */
  stack(): Promise<Stack>;
  log(message: string): void;
}

export interface Table {
  caption?: string;
  head: string[];
  rows: string[][];
}

export interface SectionResult {
  id: SectionId;
  title: string;
  /** Paragraphs before the tables: what was measured, and how. */
  method: string[];
  tables: Table[];
  /** Paragraphs after the tables: findings, skipped parts, caveats. */
  notes: string[];
  targets: Target[];
}

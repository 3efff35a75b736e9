/** What a backup or restore reports as it goes: the phase, and how far through it. */
export interface Progress {
  phase: 'table' | 'objects';
  done: number;
  total: number;
  bytes: number;
}

export type OnProgress = (progress: Progress) => void;

import type { Job, Step } from '../job.js';
import { analyse } from './analyse.js';
import { decode } from './decode.js';
import { gate } from './gate.js';
import { guard } from './guard.js';
import { read } from './read.js';
import { render } from './render.js';
import { store } from './store.js';

/** The flow, in order. Adding a step is one file and one entry here. */
export const STEPS: readonly Step[] = [read, guard, decode, analyse, gate, render, store];

/**
 * Runs the steps in order, stopping between them once the image has timed out. PROCESSED when
 * every step ran, or the status a step ended the flow with.
 */
export async function runSteps(
  job: Job,
  steps: readonly Step[] = STEPS,
): Promise<'PROCESSED' | 'REJECTED'> {
  for (const step of steps) {
    job.signal.throwIfAborted();
    const stop = await step.run(job);
    if (stop) return stop;
  }
  return 'PROCESSED';
}

import type { Job, Step } from '../job.js';
import { analyse } from './analyse.js';
import { decode } from './decode.js';
import { duplicates } from './duplicates.js';
import { gate } from './gate.js';
import { guard } from './guard.js';
import { read } from './read.js';
import { render } from './render.js';
import { store } from './store.js';

/** The flow, in order. Adding a step is one file and one entry here. */
export const STEPS: readonly Step[] = [
  read,
  guard,
  decode,
  analyse,
  gate,
  render,
  duplicates,
  store,
];

/**
 * Runs the steps in order, stopping between them once the image has timed out. PROCESSED when
 * every step ran (IN_REVIEW when one held the image for a person), or the status a step ended
 * the flow with.
 */
export async function runSteps(
  job: Job,
  steps: readonly Step[] = STEPS,
): Promise<'PROCESSED' | 'IN_REVIEW' | 'REJECTED'> {
  for (const step of steps) {
    job.signal.throwIfAborted();
    const stop = await step.run(job);
    if (stop) return stop;
  }
  return job.held?.length ? 'IN_REVIEW' : 'PROCESSED';
}

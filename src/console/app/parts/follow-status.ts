/**
 * Following one image with the cheap status query until it is terminal: the upload page after
 * the bytes are sent, the image page after a reprocess. One network blip does not end the watch;
 * several failed polls in a row do, with the last reason.
 */
import type { DarkroomClient } from '../../../client/client.js';
import type { ImageStatusQuery } from '../../../client/generated/graphql.js';
import { ImageStatusDocument } from '../../../client/operations.js';
import { errorMessage } from '../api.js';
import { TERMINAL } from './StatusBadge.js';

export type StatusInfo = NonNullable<ImageStatusQuery['imageStatus']>;

export const POLL_MS = 1000;
/** Consecutive failed polls after which the watch gives up (the API is likely down). */
const MAX_FAILURES = 5;

export interface FollowOptions {
  /** Every answer: the status, or null once the image is gone (deleted, or never the caller's). */
  onStatus: (info: StatusInfo | null) => void;
  /** The last poll's problem, undefined again once a poll succeeds. */
  onProblem?: (problem: string | undefined) => void;
  /** After this long, poll every `slowPollMs` instead of every second (a long run). */
  slowAfterMs?: number;
  slowPollMs?: number;
  signal?: AbortSignal;
}

export type FollowEnd =
  { end: 'terminal' | 'gone' | 'stopped' } | { end: 'gave-up'; problem: string };

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function followStatus(
  api: DarkroomClient,
  id: string,
  options: FollowOptions,
): Promise<FollowEnd> {
  const { slowAfterMs = Infinity, slowPollMs = POLL_MS, signal } = options;
  const started = Date.now();
  let failures = 0;
  for (;;) {
    await sleep(Date.now() - started > slowAfterMs ? slowPollMs : POLL_MS);
    if (signal?.aborted) return { end: 'stopped' };
    try {
      const { imageStatus } = await api.request(ImageStatusDocument, { id });
      if (signal?.aborted) return { end: 'stopped' };
      failures = 0;
      options.onProblem?.(undefined);
      options.onStatus(imageStatus);
      if (!imageStatus) return { end: 'gone' };
      if (TERMINAL.has(imageStatus.status)) return { end: 'terminal' };
    } catch (error) {
      if (signal?.aborted) return { end: 'stopped' };
      const problem = errorMessage(error);
      options.onProblem?.(problem);
      if (++failures >= MAX_FAILURES) return { end: 'gave-up', problem };
    }
  }
}

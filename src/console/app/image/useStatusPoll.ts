/** Following a run (an upload being processed, a reprocess) with the cheap status query. */
import { useEffect, useRef, useState } from 'react';
import type { ImageStatusQuery } from '../../../client/generated/graphql.js';
import { ImageStatusDocument } from '../../../client/operations.js';
import { errorMessage, useConsole } from '../api.js';
import { TERMINAL } from '../parts/StatusBadge.js';

const POLL_MS = 1000;
/** Consecutive failed polls after which the page stops asking (the API is likely down). */
const MAX_FAILURES = 5;

export type StatusInfo = NonNullable<ImageStatusQuery['imageStatus']>;

/**
 * While `active`, asks for the image's status about every second and passes each answer to
 * `onStatus`; stops by itself at a terminal status or when the image is gone (null). A failed
 * poll is retried, since one network blip should not end the watch; the last problem is returned, and
 * whether the page gave up after several in a row.
 */
export function useStatusPoll(
  id: string,
  active: boolean,
  onStatus: (info: StatusInfo | null) => void,
): { problem?: string; gaveUp: boolean } {
  const { api } = useConsole();
  const [problem, setProblem] = useState<string>();
  const [gaveUp, setGaveUp] = useState(false);
  // The latest callback, without restarting the polling each time the caller re-renders.
  const callback = useRef(onStatus);
  useEffect(() => {
    callback.current = onStatus;
  });

  useEffect(() => {
    if (!active) return;
    let stopped = false;
    let failures = 0;
    let timer: number | undefined;
    setProblem(undefined);
    setGaveUp(false);
    const tick = async () => {
      try {
        const { imageStatus } = await api.request(ImageStatusDocument, { id });
        if (stopped) return;
        failures = 0;
        setProblem(undefined);
        callback.current(imageStatus);
        if (!imageStatus || TERMINAL.has(imageStatus.status)) return;
      } catch (error) {
        if (stopped) return;
        failures += 1;
        setProblem(errorMessage(error));
        if (failures >= MAX_FAILURES) {
          setGaveUp(true);
          return;
        }
      }
      timer = window.setTimeout(() => void tick(), POLL_MS);
    };
    timer = window.setTimeout(() => void tick(), POLL_MS);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [api, id, active]);

  return { problem, gaveUp };
}

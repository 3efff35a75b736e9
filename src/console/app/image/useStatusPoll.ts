/** Following a run (an upload being processed, a reprocess) with the cheap status query. */
import { useEffect, useRef, useState } from 'react';
import { useConsole } from '../api.js';
import { followStatus, type StatusInfo } from '../parts/follow-status.js';

export type { StatusInfo };

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
    const stop = new AbortController();
    setProblem(undefined);
    setGaveUp(false);
    void followStatus(api, id, {
      signal: stop.signal,
      onStatus: (info) => callback.current(info),
      onProblem: setProblem,
    }).then((result) => {
      if (result.end === 'gave-up') setGaveUp(true);
    });
    return () => stop.abort();
  }, [api, id, active]);

  return { problem, gaveUp };
}

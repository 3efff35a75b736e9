/**
 * The API as the pages use it: the typed client (src/client/client.ts) with the session's
 * Authorization header, and a hook that runs one query and says when it is loading or failed.
 */
import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import { createDarkroomClient, DarkroomError, type DarkroomClient } from '../../client/client.js';
import type { ConsoleConfig } from '../config.js';
import type { Session } from './session.js';

export interface ConsoleContext {
  config: ConsoleConfig;
  session: Session;
  api: DarkroomClient;
  isAdmin: boolean;
  signOut: () => void;
}

export const Console = createContext<ConsoleContext | undefined>(undefined);

export function useConsole(): ConsoleContext {
  const context = useContext(Console);
  if (!context) throw new Error('useConsole outside <Console.Provider>');
  return context;
}

/** The client for this session; `onUnauthorized` runs when the API refuses its credentials. */
export function clientFor(
  config: ConsoleConfig,
  session: Session,
  onUnauthorized: () => void,
): DarkroomClient {
  return createDarkroomClient({
    url: config.graphqlUrl,
    authorization: session.authorization,
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      if (response.status === 401) onUnauthorized();
      return response;
    },
  });
}

/** A message for a person: the API's own (it names the field and the limit), or the network's. */
export function errorMessage(error: unknown): string {
  if (error instanceof DarkroomError) return error.message;
  if (error instanceof TypeError) return `The API could not be reached (${error.message}).`;
  return error instanceof Error ? error.message : String(error);
}

export type Loaded<T> =
  { state: 'loading' } | { state: 'failed'; error: string } | { state: 'done'; data: T };

/**
 * Runs `load` when any of `deps` changes; `reload()` runs it again. A result that arrives after
 * the deps changed is dropped, so a slow answer never overwrites a newer one.
 */
export function useLoad<T>(
  load: () => Promise<T>,
  deps: readonly unknown[],
): [Loaded<T>, () => void] {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    setResult((previous) => (previous.state === 'done' ? previous : { state: 'loading' }));
    load().then(
      (data) => current && setResult({ state: 'done', data }),
      (error: unknown) => current && setResult({ state: 'failed', error: errorMessage(error) }),
    );
    return () => {
      current = false;
    };
    // The caller lists what `load` depends on, as for useEffect.
  }, [...deps, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return [result, reload];
}

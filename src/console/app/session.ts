/**
 * Who is signed in, and the Authorization header the API gets from them. The embedded default's
 * `dev:` identities are chosen at sign-in and kept for the tab (sessionStorage); Cognito's tokens
 * come from ./cognito.ts. Nothing is kept in localStorage: closing the tab signs out.
 */
import type { ConsoleConfig } from '../config.js';

export interface Session {
  /** The name shown in the header (the dev user name, or the Cognito user's email). */
  user: string;
  groups: string[];
  /** The header every API call carries; undefined where the API has no authorizer. */
  authorization: string | undefined;
}

const DEV_KEY = 'darkroom:dev-session';
/** What the embedded default's dev auth accepts as a user or group name (src/local/dev-auth.ts). */
export const DEV_NAME = /^[A-Za-z0-9._@-]{1,128}$/;

export function devSession(user: string, groups: string[]): Session {
  return {
    user,
    groups,
    authorization: `Bearer dev:${[user, ...groups].join(',')}`,
  };
}

export function saveDevSession(session: Session): void {
  sessionStorage.setItem(DEV_KEY, JSON.stringify({ user: session.user, groups: session.groups }));
}

/** The session this tab signed in with before (a reload keeps it), if any. */
export function restoredDevSession(): Session | undefined {
  try {
    const saved = JSON.parse(sessionStorage.getItem(DEV_KEY) ?? 'null') as {
      user?: unknown;
      groups?: unknown;
    } | null;
    if (typeof saved?.user !== 'string' || !DEV_NAME.test(saved.user)) return undefined;
    const groups = Array.isArray(saved.groups)
      ? saved.groups.filter((g): g is string => typeof g === 'string' && DEV_NAME.test(g))
      : [];
    return devSession(saved.user, groups);
  } catch {
    return undefined;
  }
}

export function forgetDevSession(): void {
  sessionStorage.removeItem(DEV_KEY);
}

/** The only identity a stack without an authorizer has. */
export const anonymousSession: Session = {
  user: 'anonymous',
  groups: [],
  authorization: undefined,
};

export const isAdmin = (session: Session, config: ConsoleConfig) =>
  session.groups.includes(config.adminGroup);

/**
 * Cognito's hosted sign-in for a public app client (no secret, which a page could not keep): the
 * authorization code grant with PKCE (S256), so a code caught on the way back is useless without
 * the verifier this tab holds. Tokens live in sessionStorage, like the dev session: closing the
 * tab signs out. The ID token goes to the API as the bearer (it carries email and groups).
 */
import type { ConsoleConfig } from '../config.js';
import type { Session } from './session.js';

export type CognitoAuth = Extract<ConsoleConfig['auth'], { mode: 'cognito' }>;

const PENDING_KEY = 'darkroom:cognito-pending';
const TOKENS_KEY = 'darkroom:cognito-tokens';
/** A token this close to expiry is not restored: the API would refuse it moments later. */
const EXPIRY_MARGIN_SECONDS = 60;

interface Pending {
  state: string;
  verifier: string;
}

interface Claims {
  exp?: unknown;
  email?: unknown;
  'cognito:username'?: unknown;
  'cognito:groups'?: unknown;
  sub?: unknown;
}

const base = (auth: CognitoAuth) => auth.domain.replace(/\/+$/, '');
// Must match the app client's callback and sign-out URLs exactly.
const redirectUri = () => `${window.location.origin}/`;

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text: string): Uint8Array {
  const padded = text
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(text.length / 4) * 4, '=');
  return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
}

const randomString = () => base64url(crypto.getRandomValues(new Uint8Array(32)));

function readStored(key: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(sessionStorage.getItem(key) ?? 'null');
    return value && typeof value === 'object' ? { ...value } : undefined;
  } catch {
    return undefined;
  }
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

/** Sends the browser to Cognito's sign-in page; it comes back to `/` with ?code&state. */
export async function startCognitoSignIn(auth: CognitoAuth): Promise<void> {
  // crypto.subtle exists only in secure contexts; say so rather than fail obscurely.
  if (!window.isSecureContext || !crypto.subtle) {
    throw new Error('Signing in with Cognito needs a secure page (https, or http://localhost).');
  }
  const pending: Pending = { state: randomString(), verifier: randomString() };
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(pending.verifier));
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: auth.clientId,
    redirect_uri: redirectUri(),
    state: pending.state,
    code_challenge: base64url(new Uint8Array(digest)),
    code_challenge_method: 'S256',
  });
  // Without `scope` Cognito grants every scope the app client allows.
  if (auth.scopes.length > 0) query.set('scope', auth.scopes.join(' '));
  window.location.assign(`${base(auth)}/oauth2/authorize?${query}`);
}

/**
 * Finishes a sign-in Cognito redirected back with, or restores this tab's unexpired tokens.
 * Throws (with Cognito's reason) when the sign-in was refused or the code cannot be exchanged.
 */
export async function completeCognitoSignIn(auth: CognitoAuth): Promise<Session | undefined> {
  const params = new URLSearchParams(window.location.search);
  const error = params.get('error');
  const code = params.get('code');
  const state = params.get('state');
  if (error || (code && state)) {
    const pending = readStored(PENDING_KEY);
    sessionStorage.removeItem(PENDING_KEY);
    // The code is single-use: a reload must not try it again, nor show it in the address bar.
    window.history.replaceState(null, '', window.location.pathname + window.location.hash);
    if (error) {
      throw new Error(`Cognito refused the sign-in: ${params.get('error_description') ?? error}`);
    }
    const verifier = text(pending?.verifier);
    if (!code || !verifier || pending?.state !== state) {
      throw new Error(
        'This sign-in was not started in this tab (its state does not match). Sign in again.',
      );
    }
    const idToken = await exchange(auth, code, verifier);
    sessionStorage.setItem(TOKENS_KEY, JSON.stringify({ idToken }));
    return sessionFor(idToken);
  }
  const idToken = text(readStored(TOKENS_KEY)?.idToken);
  const session = idToken ? sessionFor(idToken) : undefined;
  if (!session) sessionStorage.removeItem(TOKENS_KEY);
  return session;
}

async function exchange(auth: CognitoAuth, code: string, verifier: string): Promise<string> {
  const url = `${base(auth)}/oauth2/token`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: auth.clientId,
        code,
        redirect_uri: redirectUri(),
        code_verifier: verifier,
      }),
    });
  } catch (cause) {
    throw new Error(`Cognito's token endpoint (${url}) could not be reached.`, { cause });
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    const reason = text(body.error_description) ?? text(body.error) ?? 'no reason given';
    throw new Error(`Cognito did not accept the sign-in code (${response.status}): ${reason}`);
  }
  const idToken = text(body.id_token);
  if (!idToken) {
    throw new Error('Cognito returned no ID token: the app client must allow the "openid" scope.');
  }
  return idToken;
}

/**
 * The session an ID token stands for, or undefined when it is malformed or expired. The
 * signature is the API's to check; the page only reads who it shows and when to sign in again.
 */
function sessionFor(idToken: string): Session | undefined {
  let claims: Claims | null;
  try {
    const payload = new TextDecoder().decode(fromBase64url(idToken.split('.')[1] ?? ''));
    claims = JSON.parse(payload) as Claims | null;
  } catch {
    return undefined;
  }
  if (typeof claims?.exp !== 'number' || claims.exp - EXPIRY_MARGIN_SECONDS <= Date.now() / 1000) {
    return undefined;
  }
  const user = text(claims.email) ?? text(claims['cognito:username']) ?? text(claims.sub);
  const groups = claims['cognito:groups'];
  return {
    user: user ?? 'unknown',
    groups: Array.isArray(groups) ? groups.filter((g): g is string => typeof g === 'string') : [],
    authorization: `Bearer ${idToken}`,
  };
}

/** Forgets the tokens this tab holds (the API refused them: expired or revoked). */
export function forgetCognitoTokens(): void {
  sessionStorage.removeItem(TOKENS_KEY);
  sessionStorage.removeItem(PENDING_KEY);
}

/** Forgets the tokens and ends Cognito's own session too, which then returns to `/`. */
export function cognitoSignOut(auth: CognitoAuth): void {
  forgetCognitoTokens();
  const query = new URLSearchParams({ client_id: auth.clientId, logout_uri: redirectUri() });
  window.location.assign(`${base(auth)}/logout?${query}`);
}

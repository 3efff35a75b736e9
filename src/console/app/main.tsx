/**
 * The console's entry: reads the stack's configuration (console/config.json), finishes or
 * restores a sign-in, then renders the sign-in page or the console.
 */
import { StrictMode, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { CONSOLE_CONFIG_PATH, ConsoleConfigSchema, type ConsoleConfig } from '../config.js';
import { Console, clientFor, errorMessage } from './api.js';
import { App } from './App.js';
import { cognitoSignOut, completeCognitoSignIn, forgetCognitoTokens } from './cognito.js';
import { SignIn } from './pages/SignIn.js';
import {
  anonymousSession,
  forgetDevSession,
  isAdmin,
  restoredDevSession,
  saveDevSession,
  type Session,
} from './session.js';
import './styles.css';

async function loadConfig(): Promise<ConsoleConfig> {
  const response = await fetch(CONSOLE_CONFIG_PATH, { cache: 'no-cache' });
  if (!response.ok) throw new Error(`${CONSOLE_CONFIG_PATH} answered ${response.status}`);
  const parsed = ConsoleConfigSchema.safeParse(await response.json());
  if (!parsed.success)
    throw new Error(`${CONSOLE_CONFIG_PATH} is not valid: ${parsed.error.message}`);
  return parsed.data;
}

/** The session a reload (or Cognito's redirect back) brings, if any. */
async function initialSession(config: ConsoleConfig): Promise<Session | undefined> {
  switch (config.auth.mode) {
    case 'dev':
      return restoredDevSession();
    case 'cognito':
      return completeCognitoSignIn(config.auth);
    case 'none':
      return anonymousSession;
  }
}

function Root(props: { config: ConsoleConfig; initial: Session | undefined; problem?: string }) {
  const { config } = props;
  const [session, setSession] = useState(props.initial);
  const [problem, setProblem] = useState(props.problem);
  const context = useMemo(() => {
    if (!session) return undefined;
    // An ID token lasts an hour: once the API refuses it, sign in again instead of failing on.
    const expired = () => {
      forgetCognitoTokens();
      forgetDevSession();
      setProblem('The API no longer accepts this sign-in (it has expired): sign in again.');
      setSession(undefined);
    };
    const signOut = () => {
      if (config.auth.mode === 'cognito') return cognitoSignOut(config.auth);
      forgetDevSession();
      setSession(config.auth.mode === 'none' ? anonymousSession : undefined);
      window.location.hash = '';
    };
    return {
      config,
      session,
      api: clientFor(config, session, expired),
      isAdmin: isAdmin(session, config),
      signOut,
    };
  }, [config, session]);
  if (!context) {
    return (
      <SignIn
        config={config}
        problem={problem}
        onSignIn={(signedIn) => {
          setProblem(undefined);
          saveDevSession(signedIn);
          setSession(signedIn);
        }}
      />
    );
  }
  return (
    <Console.Provider value={context}>
      <App />
    </Console.Provider>
  );
}

async function start() {
  const root = createRoot(document.getElementById('root')!);
  let config: ConsoleConfig;
  try {
    config = await loadConfig();
  } catch (error) {
    root.render(
      <main className="broken">
        <h1>The console could not start</h1>
        <p>{errorMessage(error)}</p>
      </main>,
    );
    return;
  }
  let initial: Session | undefined;
  let problem: string | undefined;
  try {
    initial = await initialSession(config);
  } catch (error) {
    problem = errorMessage(error);
  }
  root.render(
    <StrictMode>
      <Root config={config} initial={initial} problem={problem} />
    </StrictMode>,
  );
}

void start();

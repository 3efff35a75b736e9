/**
 * The sign-in page: on the embedded default a name (and whether to act as the admin group), which
 * becomes the `dev:` bearer; on AWS a button to Cognito's hosted sign-in.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import type { ConsoleConfig } from '../../config.js';
import { errorMessage } from '../api.js';
import { startCognitoSignIn, type CognitoAuth } from '../cognito.js';
import { devSession, DEV_NAME, type Session } from '../session.js';

export function SignIn(props: {
  config: ConsoleConfig;
  problem?: string | undefined;
  onSignIn: (session: Session) => void;
}) {
  const { config, problem, onSignIn } = props;
  const { auth } = config;
  return (
    <main id="main" style={{ maxWidth: '30rem', paddingTop: '10vh' }}>
      <section className="card">
        <h1>Sign in to Darkroom</h1>
        {problem && (
          <p className="error" role="alert">
            {problem}
          </p>
        )}
        {auth.mode === 'dev' && <DevSignIn adminGroup={config.adminGroup} onSignIn={onSignIn} />}
        {auth.mode === 'cognito' && <CognitoSignIn auth={auth} />}
        {auth.mode === 'none' && (
          <p>This stack has no sign-in: every caller is the same owner. Reload the page.</p>
        )}
      </section>
    </main>
  );
}

const field = { display: 'grid', gap: '4px', marginBottom: '12px' } as const;

function DevSignIn(props: { adminGroup: string; onSignIn: (session: Session) => void }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [user, setUser] = useState('');
  const [admin, setAdmin] = useState(false);
  const [invalid, setInvalid] = useState<string | undefined>();

  const check = (name: string) =>
    DEV_NAME.test(name)
      ? undefined
      : name === ''
        ? 'Enter a user name.'
        : 'A user name is 1 to 128 letters, digits, or the characters . _ @ - (no spaces).';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const name = user.trim();
    const problem = check(name);
    setInvalid(problem);
    if (problem) {
      input.current?.focus();
      return;
    }
    props.onSignIn(devSession(name, admin ? [props.adminGroup] : []));
  };

  return (
    <form onSubmit={submit} noValidate>
      <p className="muted">
        The embedded default trusts the name you give: it is who the API sees you as.
      </p>
      <div style={field}>
        <label htmlFor={`${id}-user`}>User name</label>
        <input
          ref={input}
          id={`${id}-user`}
          name="user"
          autoComplete="username"
          spellCheck={false}
          value={user}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={invalid ? `${id}-error` : undefined}
          onChange={(event) => {
            setUser(event.target.value);
            // Once shown, the message follows the typing, so it goes away when the name is fixed.
            if (invalid) setInvalid(check(event.target.value.trim()));
          }}
        />
        {invalid && (
          <p id={`${id}-error`} className="error" role="alert" style={{ margin: 0 }}>
            {invalid}
          </p>
        )}
      </div>
      <div style={{ ...field, display: 'flex', alignItems: 'center' }}>
        <input
          id={`${id}-admin`}
          type="checkbox"
          checked={admin}
          onChange={(event) => setAdmin(event.target.checked)}
        />
        <label htmlFor={`${id}-admin`}>Member of the admin group ({props.adminGroup})</label>
      </div>
      <button type="submit">Sign in</button>
    </form>
  );
}

function CognitoSignIn({ auth }: { auth: CognitoAuth }) {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | undefined>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailed(undefined);
    // On success the browser leaves for Cognito; only a failure comes back here.
    startCognitoSignIn(auth).catch((error: unknown) => {
      setFailed(errorMessage(error));
      setBusy(false);
    });
  };
  return (
    <form onSubmit={submit}>
      {failed && (
        <p className="error" role="alert">
          {failed}
        </p>
      )}
      <button type="submit" disabled={busy}>
        Sign in with Cognito
      </button>
    </form>
  );
}

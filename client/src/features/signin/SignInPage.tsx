import { useMemo, useState, type FormEvent } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useAuth } from '../../session/auth';
import { SIGN_IN_PATH } from '../../navigation/paths';
import type { SignInLocationState } from '../../session/signInState';
import { Loading } from '../../ui/Loading';
import { TextField } from '../../ui/Field';
import { PageHeading } from '../../ui/PageHeading';
import { ProblemSummary } from '../../ui/ProblemSummary';
import { signInFailure, validate, type Field, type FieldError } from './signInErrors';
import { CouncilSignIn, useSignInOptions } from './CouncilSignIn';
import './signIn.css';

const FIELD_IDS: Record<Field, string> = { email: 'email', password: 'password' };

function returnPath(state: unknown): string {
  const from = (state as SignInLocationState | null)?.from;
  return from && from.pathname !== SIGN_IN_PATH ? from.pathname + from.search : '/';
}

export function SignInPage() {
  const { state, signIn } = useAuth();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [submitting, setSubmitting] = useState(false);
  const options = useSignInOptions();
  // Each error links to its field; a new list only when the errors change, as the summary takes
  // focus each time it gets one.
  const problems = useMemo(
    () => errors.map((error) => ({ field: FIELD_IDS[error.field], message: error.message })),
    [errors],
  );

  if (state.status === 'signed-in') return <Navigate to={returnPath(location.state)} replace />;
  if (state.status === 'loading' || options === null) return <Loading />;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;
    const invalid = validate(email, password);
    setErrors(invalid);
    if (invalid.length > 0) return;
    setSubmitting(true);
    try {
      await signIn(email.trim(), password);
    } catch (error) {
      setErrors([signInFailure(error)]);
    } finally {
      setSubmitting(false);
    }
  };

  const errorFor = (field: Field) => errors.find((error) => error.field === field && error.inline);
  const signedOutReason = state.status === 'signed-out' ? state.reason : null;

  return (
    <div className="page page--narrow">
      {signedOutReason === 'expired' && (
        <p className="notice" role="status">
          Your session has ended. Sign in again to carry on.
        </p>
      )}
      {signedOutReason === 'signed-out' && (
        <p className="notice" role="status">
          You have signed out.
        </p>
      )}
      <ProblemSummary problems={problems} />
      <PageHeading>Sign in</PageHeading>
      {options.council && (
        <CouncilSignIn
          returnTo={returnPath(location.state)}
          refusal={new URLSearchParams(location.search).get('council')}
          passwordToo={options.password}
        />
      )}
      {options.password && (
        <>
          <p>
            {options.council
              ? 'Or use the email address and password you were given for Unitroom.'
              : 'Use the email address and password your council gave you for Unitroom.'}
          </p>
          <form onSubmit={onSubmit} noValidate>
            <TextField
              id={FIELD_IDS.email}
              name={FIELD_IDS.email}
              spellCheck={false}
              label="Email address"
              type="email"
              autoComplete="username"
              value={email}
              onChange={setEmail}
              error={errorFor('email')?.message}
            />
            <TextField
              id={FIELD_IDS.password}
              name={FIELD_IDS.password}
              spellCheck={false}
              label="Password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={setPassword}
              error={errorFor('password')?.message}
            />
            <button type="submit" className="button" disabled={submitting}>
              Sign in
            </button>
            <p className="visually-hidden" role="status">
              {submitting ? 'Signing in…' : ''}
            </p>
          </form>
        </>
      )}
    </div>
  );
}

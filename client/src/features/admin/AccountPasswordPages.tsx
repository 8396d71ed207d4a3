import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { API_ERROR_CODES, PASSWORD_MIN_LENGTH } from '@unitroom/shared';
import { changePassword, setPasswordWithLink } from '../../api/admin';
import { SIGN_IN_PATH } from '../../navigation/paths';
import { TextField } from '../../ui/Field';
import { PageHeading } from '../../ui/PageHeading';
import { ProblemSummary, type Problem } from '../../ui/ProblemSummary';
import { errorFor, problemFrom } from './forms';
import './admin.css';

const HINT = `At least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words are easy to remember and hard to guess.`;

/** Checks a new password and its confirmation before anything is sent. */
function newPasswordProblems(password: string, confirmation: string): Problem[] {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return [
      {
        field: 'new-password',
        message: `Your password must be at least ${PASSWORD_MIN_LENGTH} characters.`,
      },
    ];
  }
  if (password !== confirmation) {
    return [{ field: 'confirm-password', message: 'The two passwords do not match.' }];
  }
  return [];
}

function PasswordInput({
  id,
  label,
  hint,
  autoComplete,
  value,
  onChange,
  problems,
}: {
  id: string;
  label: string;
  hint?: string;
  autoComplete: string;
  value: string;
  onChange(value: string): void;
  problems: Problem[];
}) {
  return (
    <TextField
      id={id}
      label={label}
      hint={hint}
      error={errorFor(problems, id)}
      type="password"
      autoComplete={autoComplete}
      value={value}
      onChange={onChange}
    />
  );
}

/** A new password and its confirmation as typed, checked by `newPasswordProblems`. */
interface NewPassword {
  password: string;
  confirmation: string;
  onPassword(value: string): void;
  onConfirmation(value: string): void;
}

function useNewPassword(): NewPassword & { clear(): void } {
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  return {
    password,
    confirmation,
    onPassword: setPassword,
    onConfirmation: setConfirmation,
    clear: () => {
      setPassword('');
      setConfirmation('');
    },
  };
}

/**
 * What both password pages do on submit: check before anything is sent, send once at a time, and
 * show the server's refusal on the field `fieldFor` names.
 */
function usePasswordSubmit({
  check,
  send,
  fieldFor,
}: {
  check(): Problem[];
  send(): Promise<void>;
  fieldFor(code: string): string | undefined;
}) {
  const [problems, setProblems] = useState<Problem[]>([]);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const invalid = check();
    setProblems(invalid);
    if (invalid.length > 0) return;
    setBusy(true);
    try {
      await send();
      setDone(true);
    } catch (error) {
      setProblems([problemFrom(error, fieldFor)]);
    } finally {
      setBusy(false);
    }
  };
  return { problems, done, busy, onSubmit };
}

/** A password form: any fields of its own (`children`), then the new password twice. */
function PasswordForm({
  newPassword,
  problems,
  busy,
  submitLabel,
  onSubmit,
  children,
}: {
  newPassword: NewPassword;
  problems: Problem[];
  busy: boolean;
  submitLabel: string;
  onSubmit(event: FormEvent<HTMLFormElement>): Promise<void>;
  children?: ReactNode;
}) {
  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate>
      {children}
      <PasswordInput
        id="new-password"
        label="New password"
        hint={HINT}
        autoComplete="new-password"
        value={newPassword.password}
        onChange={newPassword.onPassword}
        problems={problems}
      />
      <PasswordInput
        id="confirm-password"
        label="Type the new password again"
        autoComplete="new-password"
        value={newPassword.confirmation}
        onChange={newPassword.onConfirmation}
        problems={problems}
      />
      <button type="submit" className="button" disabled={busy}>
        {submitLabel}
      </button>
    </form>
  );
}

/**
 * `/account/set-password#<token>`: the page a set-up or reset link opens ([A8]). The token is in
 * the fragment, so it never reaches a server log or a Referer header.
 */
export function SetPasswordPage() {
  const location = useLocation();
  const token = location.hash.replace(/^#/, '');
  const newPassword = useNewPassword();
  const { problems, done, busy, onSubmit } = usePasswordSubmit({
    check: () => newPasswordProblems(newPassword.password, newPassword.confirmation),
    send: () => setPasswordWithLink(token, newPassword.password),
    fieldFor: (code) => (code === API_ERROR_CODES.PASSWORD_INVALID ? 'new-password' : undefined),
  });

  if (!token) {
    return (
      <div className="page page--narrow">
        <PageHeading>This link is not complete</PageHeading>
        <p>
          Copy the whole link you were given into the address bar, or ask your administrator for a
          new one.
        </p>
      </div>
    );
  }
  if (done) {
    return (
      <div className="page page--narrow">
        <PageHeading>Your password is set</PageHeading>
        <p>
          <Link to={SIGN_IN_PATH}>Sign in with your email address and new password</Link>
        </p>
      </div>
    );
  }

  return (
    <div className="page page--narrow">
      <ProblemSummary problems={problems} />
      <PageHeading>Choose your password</PageHeading>
      <p>You will use it with your email address to sign in to Unitroom.</p>
      <PasswordForm
        newPassword={newPassword}
        problems={problems}
        busy={busy}
        submitLabel="Set password"
        onSubmit={onSubmit}
      />
    </div>
  );
}

/** `/account/password`: change one's own password, giving the current one ([A9]). */
export function ChangePasswordPage() {
  const [current, setCurrent] = useState('');
  const newPassword = useNewPassword();
  const { problems, done, busy, onSubmit } = usePasswordSubmit({
    check: () =>
      current === ''
        ? [{ field: 'current-password', message: 'Enter your current password.' }]
        : newPasswordProblems(newPassword.password, newPassword.confirmation),
    send: async () => {
      await changePassword(current, newPassword.password);
      setCurrent('');
      newPassword.clear();
    },
    fieldFor: (code) =>
      code === API_ERROR_CODES.WRONG_PASSWORD
        ? 'current-password'
        : code === API_ERROR_CODES.PASSWORD_INVALID
          ? 'new-password'
          : undefined,
  });

  return (
    <div className="page page--narrow">
      <ProblemSummary problems={problems} />
      {done && (
        <p className="notice" role="status">
          Your password is changed. You are signed out on your other devices.
        </p>
      )}
      <PageHeading>Change your password</PageHeading>
      <PasswordForm
        newPassword={newPassword}
        problems={problems}
        busy={busy}
        submitLabel="Change password"
        onSubmit={onSubmit}
      >
        <PasswordInput
          id="current-password"
          label="Current password"
          autoComplete="current-password"
          value={current}
          onChange={setCurrent}
          problems={problems}
        />
      </PasswordForm>
    </div>
  );
}

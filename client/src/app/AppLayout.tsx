import { useState } from 'react';
import { Link, Outlet } from 'react-router';
import { useAuth } from '../session/auth';
import { ADMIN_PATH, CHANGE_PASSWORD_PATH } from '../navigation/paths';
import './appHeaderLinks.css';

/** Skip link, the site header and the one `main` landmark every page renders into. */
export function AppLayout() {
  return (
    <>
      <a className="skip-link" href="#main-content">
        Skip to main content
      </a>
      <header className="app-header">
        <div className="app-header__inner">
          <Link className="app-header__name" to="/">
            Unitroom
          </Link>
          <AccountControls />
        </div>
      </header>
      <main id="main-content" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}

function AccountControls() {
  const { state, signOut } = useAuth();
  const [failed, setFailed] = useState(false);
  if (state.status !== 'signed-in') return null;

  const onSignOut = () => {
    setFailed(false);
    signOut().catch(() => setFailed(true));
  };

  return (
    <div className="app-header__account">
      {state.me.user.administrator && (
        <Link className="app-header__link" to={ADMIN_PATH}>
          Administration
        </Link>
      )}
      <Link className="app-header__link" to={CHANGE_PASSWORD_PATH}>
        <span className="app-header__user">{state.me.user.name}</span>
        <span className="visually-hidden">: change your password</span>
      </Link>
      <button type="button" className="button button--inverse" onClick={onSignOut}>
        Sign out
      </button>
      {failed && (
        <p className="app-header__error" role="alert">
          You are still signed in: the server could not be reached. Try again.
        </p>
      )}
    </div>
  );
}

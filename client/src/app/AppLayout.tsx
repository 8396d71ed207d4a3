import { useState } from 'react';
import { Link, Outlet } from 'react-router';
import { useAuth } from './auth';

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
      <span className="app-header__user">{state.me.user.name}</span>
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

import { Navigate, Outlet, useLocation } from 'react-router';
import { UnitChannelProvider } from '../sync/unitChannel';
import { Loading } from '../ui/Loading';
import { PageHeading } from '../ui/PageHeading';
import { useAuth } from '../session/auth';
import type { SignInLocationState } from '../session/signInState';
import { SIGN_IN_PATH } from '../navigation/paths';

/** Pages behind it render only when signed in; the unit channel lives exactly as long. */
export function RequireAuth() {
  const { state, retry } = useAuth();
  const location = useLocation();

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'unavailable') {
    return (
      <div className="page">
        <PageHeading>Sorry, Unitroom cannot be reached</PageHeading>
        <p>Check your internet connection. If it works, the service may be down for a moment.</p>
        <button type="button" className="button" onClick={retry}>
          Try again
        </button>
      </div>
    );
  }
  if (state.status === 'signed-out') {
    // After signing out on purpose, the next person should start from the unit home.
    const signInState: SignInLocationState =
      state.reason === 'signed-out'
        ? {}
        : { from: { pathname: location.pathname, search: location.search } };
    return <Navigate to={SIGN_IN_PATH} replace state={signInState} />;
  }
  return (
    <UnitChannelProvider>
      <Outlet />
    </UnitChannelProvider>
  );
}

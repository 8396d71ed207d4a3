import type { MeResponse } from '@unitroom/shared';
import {
  createContext,
  use,
  useCallback,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { ApiRequestError } from '../api/http';
import * as session from '../api/session';
import { clearOfflineCopies } from '../sync/offlineStore';

/** `expired`: the server ended a session the user was working in. */
export type SignedOutReason = 'not-signed-in' | 'signed-out' | 'expired';

export type AuthState =
  | { status: 'loading' }
  | { status: 'signed-out'; reason: SignedOutReason }
  | { status: 'signed-in'; me: MeResponse }
  /** `/api/me` could not be read for a reason other than not being signed in. */
  | { status: 'unavailable' };

interface AuthContextValue {
  state: AuthState;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  /** Called when a live connection is refused as unauthenticated mid-session. */
  sessionEnded(): void;
  retry(): void;
  /** Reads `/api/me` again after a change (a meeting scheduled, closed), keeping the page. */
  refreshMe(): Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    session.fetchMe().then(
      (me) => current && setState({ status: 'signed-in', me }),
      (error: unknown) => {
        if (!current) return;
        const signedOut = error instanceof ApiRequestError && error.status === 401;
        setState(
          signedOut ? { status: 'signed-out', reason: 'not-signed-in' } : { status: 'unavailable' },
        );
      },
    );
    return () => {
      current = false;
    };
  }, [attempt]);

  const signIn = useCallback(async (email: string, password: string) => {
    await session.signIn(email, password);
    const me = await session.fetchMe();
    // Another person's offline copies never stay behind on a shared laptop.
    await clearOfflineCopies(me.user.id).catch(() => undefined);
    setState({ status: 'signed-in', me });
  }, []);

  const signOut = useCallback(async () => {
    await session.signOut();
    setState({ status: 'signed-out', reason: 'signed-out' });
    // After the pages holding documents have unmounted, so none writes its copy back.
    await clearOfflineCopies().catch(() => undefined);
  }, []);

  const sessionEnded = useCallback(() => setState({ status: 'signed-out', reason: 'expired' }), []);

  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  const refreshMe = useCallback(async () => {
    const me = await session.fetchMe();
    setState({ status: 'signed-in', me });
  }, []);

  const value = useMemo(
    () => ({ state, signIn, signOut, sessionEnded, retry, refreshMe }),
    [state, signIn, signOut, sessionEnded, retry, refreshMe],
  );
  return <AuthContext value={value}>{children}</AuthContext>;
}

export function useAuth(): AuthContextValue {
  const value = use(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

/** For pages behind `RequireAuth`, which only renders them once signed in. */
export function useMe(): MeResponse {
  const { state } = useAuth();
  if (state.status !== 'signed-in') throw new Error('useMe must be used behind <RequireAuth>');
  return state.me;
}

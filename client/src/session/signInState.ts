/** Where sign-in returns to, carried in the history entry rather than the URL. */
export interface SignInLocationState {
  from?: { pathname: string; search: string };
}

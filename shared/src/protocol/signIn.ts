import { z } from 'zod';

/**
 * `GET /api/sign-in/options`, asked by the sign-in page before anyone is signed in: which ways to
 * sign in this deployment offers. `council`: the "Sign in with your council account" button
 * (OpenID Connect); `password`: the e-mail and password form of local accounts.
 */
export const signInOptionsSchema = z.object({
  password: z.boolean(),
  council: z.boolean(),
});
export type SignInOptions = z.infer<typeof signInOptionsSchema>;

/** Where the browser starts council sign-in (a plain navigation, never a fetch). */
export const COUNCIL_SIGN_IN_PATH = '/api/sign-in/council';
/** Where the council's identity provider sends the browser back with the code. */
export const COUNCIL_CALLBACK_PATH = '/api/sign-in/council/callback';

/**
 * Why council sign-in did not sign someone in; the sign-in page reads it from `?council=` and
 * says what to do. No reason reveals whether another person has an account.
 * - `not-known`: the council account is valid but nobody added this person to Unitroom (or their
 *   address is not in a domain this deployment accepts): ask an administrator.
 * - `not-verified`: the provider did not vouch for the e-mail address, so it cannot be linked.
 * - `failed`: the exchange with the provider failed or was tampered with, or took too long: try again.
 */
export const COUNCIL_SIGN_IN_REFUSALS = ['not-known', 'not-verified', 'failed'] as const;
export type CouncilSignInRefusal = (typeof COUNCIL_SIGN_IN_REFUSALS)[number];

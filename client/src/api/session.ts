import {
  meResponseSchema,
  signInOptionsSchema,
  type MeResponse,
  type SignInOptions,
} from '@unitroom/shared';
import { request } from './http';

export async function signIn(email: string, password: string): Promise<void> {
  await request('POST', '/api/session', { email, password });
}

export async function signOut(): Promise<void> {
  await request('DELETE', '/api/session');
}

/** Validated, because everything the client shows about units and meetings comes from here. */
export async function fetchMe(): Promise<MeResponse> {
  const response = await request('GET', '/api/me');
  return meResponseSchema.parse(await response.json());
}

/** Which ways to sign in this deployment offers (asked before anyone is signed in). */
export async function fetchSignInOptions(): Promise<SignInOptions> {
  const response = await request('GET', '/api/sign-in/options');
  return signInOptionsSchema.parse(await response.json());
}

import argon2 from 'argon2';

/**
 * argon2id with the library's defaults (64 MiB, 3 passes): about 50 ms per check here, slow
 * enough to make guessing expensive and fast enough for a sign-in page.
 */
export const hashPassword = (password: string): Promise<string> =>
  argon2.hash(password, { type: argon2.argon2id });

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** Verified against when the e-mail is unknown, so timing does not reveal who has an account. */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('not-a-real-password-only-for-constant-time');
  return dummyHash;
}

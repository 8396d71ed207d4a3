import argon2 from 'argon2';

/**
 * argon2id with OWASP's recommended setting (19 MiB, 2 passes, one lane). The library's defaults
 * (64 MiB, 3 passes, four lanes) took 0.6-0.9 s per check on a busy two-core server and four of
 * its worker threads, which made sign-in the slowest step of a first load; this setting still
 * costs a guesser about 0.1 s of a core and 19 MiB per guess.
 */
const HASH_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export const hashPassword = (password: string): Promise<string> =>
  argon2.hash(password, HASH_OPTIONS);

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A hash made with other settings (an older release) is replaced at the next sign-in. */
export function passwordNeedsRehash(hash: string): boolean {
  try {
    return argon2.needsRehash(hash, HASH_OPTIONS);
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

/**
 * Slows password guessing without letting anyone lock a person out ([I2]).
 *
 * - Per account: after `freeFailures` wrong passwords, each further attempt must wait a delay that
 *   doubles from `baseDelayMs` up to `accountMaxDelayMs` (short: at worst the real person waits
 *   that long, never hours). The delay is not applied at an address the account signed in from
 *   successfully before, so someone guessing from elsewhere cannot keep the real person out.
 * - Per address: the same progressive delay after `freeFailures`, up to `addressMaxDelayMs`, and a
 *   cap across accounts: `addressCap` failures in `windowMs` and the address is refused until
 *   the window has passed (password spraying).
 * - Only failures count: a successful sign-in never adds to any count, and clears its account's.
 *   It does not clear the address's count (an attacker with an account of their own could
 *   otherwise reset it between guesses).
 *
 * Counts live in this process (bounded; forgotten `windowMs` after the last failure); with several
 * processes each counts what it sees.
 */
export interface SignInLimits {
  freeFailures: number;
  baseDelayMs: number;
  accountMaxDelayMs: number;
  addressMaxDelayMs: number;
  addressCap: number;
  windowMs: number;
  /** How long an address where an account signed in stays known for it. */
  knownAddressMs: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  freeFailures: 5,
  baseDelayMs: 1_000,
  accountMaxDelayMs: 30_000,
  addressMaxDelayMs: 5 * 60_000,
  addressCap: 100,
  windowMs: 15 * 60_000,
  knownAddressMs: 30 * 24 * 60 * 60_000,
};

/** Entries kept at most per map; the oldest go first beyond it. */
const MAX_ENTRIES = 50_000;

interface Count {
  failures: number;
  lastFailureMs: number;
  nextAllowedMs: number;
}

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterMs: number };

export class SignInThrottle {
  private readonly accounts = new Map<string, Count>();
  private readonly addresses = new Map<string, Count>();
  /** `email|address` → when the account last signed in there. */
  private readonly known = new Map<string, number>();

  constructor(
    private readonly limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether an attempt for `email` from `address` may be checked now. */
  check(email: string, address: string): ThrottleVerdict {
    const now = this.now();
    const byAddress = this.current(this.addresses, address, now);
    let waitUntil = 0;
    if (byAddress) {
      if (byAddress.failures >= this.limits.addressCap)
        waitUntil = byAddress.lastFailureMs + this.limits.windowMs;
      else waitUntil = byAddress.nextAllowedMs;
    }
    const byAccount = this.current(this.accounts, email, now);
    if (byAccount && !this.isKnown(email, address, now))
      waitUntil = Math.max(waitUntil, byAccount.nextAllowedMs);
    return waitUntil > now ? { allowed: false, retryAfterMs: waitUntil - now } : { allowed: true };
  }

  failed(email: string, address: string): void {
    const now = this.now();
    this.count(this.accounts, email, now, this.limits.accountMaxDelayMs);
    this.count(this.addresses, address, now, this.limits.addressMaxDelayMs);
  }

  succeeded(email: string, address: string): void {
    this.accounts.delete(email);
    const key = `${email}|${address}`;
    this.known.delete(key);
    this.known.set(key, this.now());
    this.bound(this.known);
  }

  private isKnown(email: string, address: string, now: number): boolean {
    const at = this.known.get(`${email}|${address}`);
    return at !== undefined && now - at < this.limits.knownAddressMs;
  }

  private current(map: Map<string, Count>, key: string, now: number): Count | undefined {
    const entry = map.get(key);
    if (entry && now - entry.lastFailureMs >= this.limits.windowMs) {
      map.delete(key);
      return undefined;
    }
    return entry;
  }

  private count(map: Map<string, Count>, key: string, now: number, maxDelayMs: number): void {
    const entry = this.current(map, key, now) ?? {
      failures: 0,
      lastFailureMs: now,
      nextAllowedMs: 0,
    };
    entry.failures += 1;
    entry.lastFailureMs = now;
    // The attempt after the last free one waits `baseDelayMs`, each later one twice as long.
    const beyond = entry.failures - this.limits.freeFailures;
    entry.nextAllowedMs =
      beyond >= 0
        ? now + Math.min(maxDelayMs, this.limits.baseDelayMs * 2 ** Math.min(beyond, 30))
        : 0;
    // Re-inserted, so the map's order is by last failure and the oldest go first.
    map.delete(key);
    map.set(key, entry);
    this.bound(map);
  }

  private bound(map: Map<string, unknown>): void {
    while (map.size > MAX_ENTRIES) {
      const oldest = map.keys().next().value;
      if (oldest === undefined) return;
      map.delete(oldest);
    }
  }
}

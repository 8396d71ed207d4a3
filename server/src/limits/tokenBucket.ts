import type { RateLimit } from '@unitroom/shared';

/** A token bucket: starts full at `burst`, refills continuously at `perSecond`. */
export class TokenBucket {
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = limit.burst;
    this.refilledAt = now();
  }

  /** Takes `cost` tokens if there are enough; false means the caller is over its rate. */
  take(cost = 1): boolean {
    if (this.available() < cost) return false;
    this.tokens -= cost;
    return true;
  }

  /** Tokens there are now, taking none. */
  available(): number {
    const now = this.now();
    const refill = ((now - this.refilledAt) / 1000) * this.limit.perSecond;
    this.tokens = Math.min(this.limit.burst, this.tokens + refill);
    this.refilledAt = now;
    return this.tokens;
  }
}

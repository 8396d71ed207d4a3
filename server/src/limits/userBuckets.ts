import type { RateLimit } from '@unitroom/shared';
import { TokenBucket } from './tokenBucket.js';

/**
 * Token buckets kept per key (a user, a document) rather than per connection: shared by every
 * connection of that key, and kept when the last one closes until they would have refilled, so
 * that opening more sockets, or closing and reopening them, never buys more budget ([T1]).
 */
export class KeyedBuckets<Kind extends string> {
  private readonly entries = new Map<
    string,
    { buckets: Record<Kind, TokenBucket>; open: number; idleSince: number }
  >();
  /** A sweep due once the last entry to go idle has refilled, so nothing is kept for good. */
  private sweepTimer: NodeJS.Timeout | null = null;

  /** `limits`: the rate of each kind of bucket; `keepMs`: how long an unused entry is kept. */
  constructor(
    private readonly limits: Record<Kind, RateLimit>,
    private readonly keepMs = refillMs(limits),
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** A connection of `key` opened: its buckets, made or found. */
  open(key: string): Record<Kind, TokenBucket> {
    this.sweep();
    let entry = this.entries.get(key);
    if (!entry) {
      const buckets = {} as Record<Kind, TokenBucket>;
      for (const kind of Object.keys(this.limits) as Kind[])
        buckets[kind] = new TokenBucket(this.limits[kind], this.now);
      entry = { buckets, open: 0, idleSince: 0 };
      this.entries.set(key, entry);
    }
    entry.open += 1;
    return entry.buckets;
  }

  /** A connection of `key` closed; its buckets stay a while (see the class comment). */
  close(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.open = Math.max(0, entry.open - 1);
    if (entry.open === 0) {
      entry.idleSince = this.now();
      if (this.sweepTimer) clearTimeout(this.sweepTimer);
      this.sweepTimer = setTimeout(() => {
        this.sweepTimer = null;
        this.sweep();
      }, this.keepMs + 1);
      this.sweepTimer.unref();
    }
  }

  get size(): number {
    this.sweep();
    return this.entries.size;
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.entries)
      if (entry.open === 0 && now - entry.idleSince > this.keepMs) this.entries.delete(key);
  }
}

/** How long the slowest of the buckets takes to refill from empty. */
function refillMs(limits: Record<string, RateLimit>): number {
  return Math.max(...Object.values(limits).map((limit) => (limit.burst / limit.perSecond) * 1000));
}

/** A per-connection rate scaled for a key shared by several connections. */
export function scaled(limit: RateLimit, factor: number): RateLimit {
  return { perSecond: limit.perSecond * factor, burst: limit.burst * factor };
}

import type { DocumentStore, StoredDocument } from '@unitroom/server';

/** Something that holds calls until released: a store that is slow for as long as a test says. */
export interface Hold {
  readonly released: Promise<void>;
  release(): void;
}

export function hold(): Hold {
  let release = () => undefined as void;
  const released = new Promise<void>((resolve) => (release = resolve));
  return { released, release };
}

/**
 * A real store (SQLite or PostgreSQL, whatever the server opened) behind a decorator that can
 * fail or hold its loads and appends, installed through `createApp`'s `wrapDocumentStore`. The
 * server under test is unchanged; only its disk misbehaves.
 */
export class FaultyStore implements DocumentStore {
  /** The next this many loads (appends) throw, as an unreachable or full store would. */
  failNextLoads = 0;
  failNextAppends = 0;
  /** Every append throws while this is set. */
  failingAppends = false;
  /** While set, loads (appends) wait for it before reaching the store. */
  loadHold: Hold | null = null;
  appendHold: Hold | null = null;
  appendAttempts = 0;
  failedAppends = 0;
  /** Loads that reached this store (not those refused by `failNextLoads`). */
  loadsStarted = 0;
  /** Loads that have returned what the store holds to the server. */
  loadsFinished = 0;

  /** The store underneath, for tests to read what is really there. */
  constructor(readonly store: DocumentStore) {}

  /** Whether only this process writes the store: the server compacts differently if so. */
  get soleWriter(): boolean {
    return this.store.soleWriter;
  }

  async load(name: string): Promise<StoredDocument> {
    this.loadsStarted += 1;
    if (this.loadHold) await this.loadHold.released;
    if (this.failNextLoads > 0) {
      this.failNextLoads -= 1;
      throw new Error('store unavailable (load)');
    }
    const stored = await this.store.load(name);
    this.loadsFinished += 1;
    return stored;
  }

  async append(name: string, updates: readonly Uint8Array[]): Promise<number> {
    // The attributed history of a document is written through the same store beside it; the
    // faults are the document's, so tests count and fail the document's own appends.
    if (name.startsWith('history:')) return this.store.append(name, updates);
    this.appendAttempts += 1;
    if (this.appendHold) await this.appendHold.released;
    if (this.failingAppends || this.failNextAppends > 0) {
      this.failNextAppends = Math.max(0, this.failNextAppends - 1);
      this.failedAppends += 1;
      throw new Error('store unavailable (append)');
    }
    return this.store.append(name, updates);
  }

  compact(
    name: string,
    throughId: number,
    snapshotOf: (replaced: readonly Uint8Array[]) => Uint8Array,
  ): Promise<void> {
    return this.store.compact(name, throughId, snapshotOf);
  }

  remove(name: string): Promise<void> {
    return this.store.remove(name);
  }
}

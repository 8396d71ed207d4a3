/**
 * The storage seam for collaborative documents. It sees bytes and names, never Yjs or domain
 * types, so every implementation (SQLite, PostgreSQL) passes one contract suite.
 *
 * A document is an ordered log of entries. `append` adds updates at the end; `compact` replaces
 * every entry up to and including `throughId` with one snapshot, atomically, so a concurrent
 * `load` sees either the old entries or the snapshot, never neither.
 *
 * The snapshot is built from exactly the entries being replaced, read in the compaction's own
 * transaction: with several server processes on one store, another process may have appended an
 * entry below `throughId` that this process has not yet received, and it must not vanish. A
 * store with one writer (`soleWriter`) has no such entry.
 */
export interface StoredDocument {
  /** Entries in log order: a snapshot (if compacted) first, then updates. */
  readonly entries: readonly Uint8Array[];
  /** Id of the last entry, or null for a document never written. */
  readonly lastId: number | null;
}

/** Updates to append at the end of one document's log. */
export interface DocumentAppend {
  readonly name: string;
  readonly updates: readonly Uint8Array[];
}

export interface DocumentStore {
  load(name: string): Promise<StoredDocument>;
  /** Appends in one transaction; resolves with the last entry's id once durable. */
  append(name: string, updates: readonly Uint8Array[]): Promise<number>;
  /**
   * Appends to several documents (a document and its attributed history) in one transaction,
   * durable together: one journal write and one sync with SQLite, one statement with
   * PostgreSQL. Resolves with each append's last id, in order. Optional: `appendTogether` falls
   * back to one `append` after the other for a store without it.
   */
  appendAll?(appends: readonly DocumentAppend[]): Promise<number[]>;
  /**
   * Replaces the entries with id <= throughId by `snapshotOf(those entries)`, in one transaction.
   * Entries after it are kept. A store with several writers (not `soleWriter`) also takes a
   * snapshot built asynchronously (off the event loop); it is still built from exactly the
   * entries it replaces.
   */
  compact(
    name: string,
    throughId: number,
    snapshotOf: (replaced: readonly Uint8Array[]) => Uint8Array | Promise<Uint8Array>,
  ): Promise<void>;
  remove(name: string): Promise<void>;
  /**
   * This process is the store's only writer (SQLite with its journal): every entry was appended
   * through it, so a document it has loaded already holds its whole log. Required, so that a
   * wrapper (a decorator installed through `wrapDocumentStore`, a test's spy) cannot drop it by
   * omission and silently send compaction down the several-writers path, whose snapshot a
   * journaled store refuses.
   */
  readonly soleWriter: boolean;
}

/** `store.appendAll`, or, for a store without it, each append in turn (all durable at the end). */
export async function appendTogether(
  store: DocumentStore,
  appends: readonly DocumentAppend[],
): Promise<number[]> {
  if (store.appendAll) return store.appendAll(appends);
  const lastIds: number[] = [];
  for (const { name, updates } of appends) lastIds.push(await store.append(name, updates));
  return lastIds;
}

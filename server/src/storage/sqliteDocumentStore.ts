import type BetterSqlite3 from 'better-sqlite3';
import type { DocumentStore, StoredDocument } from './documentStore.js';

interface QueuedAppend {
  readonly name: string;
  readonly updates: readonly Uint8Array[];
  resolve(lastId: number): void;
  reject(error: unknown): void;
}

/**
 * SQLite implementation of the document store. better-sqlite3 is synchronous: an append has
 * reached the WAL when the call returns, which is what lets the sync core fan an update out in
 * the same tick it was written. The promises are for the seam, not for concurrency.
 *
 * Group commit (`groupCommitMs` > 0): appends made within the window, to any document, are
 * committed together in one transaction, and each resolves only once that commit is done, so
 * the sync core still fans out nothing that is not durable. Every commit costs whole WAL pages
 * whatever its size; batching trades up to the window in latency for fewer of them.
 */
export class SqliteDocumentStore implements DocumentStore {
  private queued: QueuedAppend[] = [];
  private commitTimer: NodeJS.Timeout | null = null;
  private readonly groupCommitMs: number;
  private readonly appendGroup;
  private readonly selectEntries;
  private readonly insertEntry;
  private readonly insertEntryWithId;
  private readonly selectThrough;
  private readonly deleteThrough;
  private readonly deleteAll;
  private readonly appendMany;
  private readonly compactTx;

  constructor(db: BetterSqlite3.Database, options: { groupCommitMs?: number } = {}) {
    this.groupCommitMs = options.groupCommitMs ?? 0;
    this.selectEntries = db.prepare<[string], { id: number; data: Buffer }>(
      'SELECT id, data FROM doc_updates WHERE doc = ? ORDER BY id',
    );
    this.insertEntry = db.prepare<[string, Uint8Array]>(
      'INSERT INTO doc_updates (doc, data) VALUES (?, ?)',
    );
    this.insertEntryWithId = db.prepare<[number, string, Uint8Array]>(
      'INSERT INTO doc_updates (id, doc, data) VALUES (?, ?, ?)',
    );
    this.selectThrough = db.prepare<[string, number], { data: Buffer }>(
      'SELECT data FROM doc_updates WHERE doc = ? AND id <= ? ORDER BY id',
    );
    this.deleteThrough = db.prepare<[string, number]>(
      'DELETE FROM doc_updates WHERE doc = ? AND id <= ?',
    );
    this.deleteAll = db.prepare<[string]>('DELETE FROM doc_updates WHERE doc = ?');
    this.appendMany = db.transaction((name: string, updates: readonly Uint8Array[]) => {
      let lastId = 0;
      for (const update of updates) {
        lastId = Number(this.insertEntry.run(name, update).lastInsertRowid);
      }
      return lastId;
    });
    this.appendGroup = db.transaction((group: readonly QueuedAppend[]) =>
      group.map(({ name, updates }) => {
        let lastId = 0;
        for (const update of updates) {
          lastId = Number(this.insertEntry.run(name, update).lastInsertRowid);
        }
        return lastId;
      }),
    );
    // The snapshot takes the id of the last entry it replaces, so log order is kept without
    // renumbering anything that came after it.
    this.compactTx = db.transaction(
      (
        name: string,
        throughId: number,
        snapshotOf: (replaced: readonly Uint8Array[]) => Uint8Array,
      ) => {
        const replaced = this.selectThrough.all(name, throughId).map((row) => toBytes(row.data));
        const snapshot = snapshotOf(replaced);
        this.deleteThrough.run(name, throughId);
        this.insertEntryWithId.run(throughId, name, snapshot);
      },
    );
  }

  async load(name: string): Promise<StoredDocument> {
    // Read your own writes: what is queued for the next group commit goes in first.
    this.commitQueued();
    const rows = this.selectEntries.all(name);
    return {
      entries: rows.map((row) => toBytes(row.data)),
      lastId: rows.length > 0 ? (rows[rows.length - 1]?.id ?? null) : null,
    };
  }

  async append(name: string, updates: readonly Uint8Array[]): Promise<number> {
    if (updates.length === 0) throw new Error('append needs at least one update');
    if (this.groupCommitMs <= 0) return this.appendMany(name, updates);
    return new Promise<number>((resolve, reject) => {
      this.queued.push({ name, updates, resolve, reject });
      this.commitTimer ??= setTimeout(() => this.commitQueued(), this.groupCommitMs);
    });
  }

  /** Commits whatever group commit holds now, rather than at the end of its window. */
  async flush(): Promise<void> {
    this.commitQueued();
  }

  private commitQueued(): void {
    if (this.commitTimer) clearTimeout(this.commitTimer);
    this.commitTimer = null;
    const group = this.queued;
    this.queued = [];
    if (group.length === 0) return;
    try {
      const lastIds = this.appendGroup(group);
      group.forEach((append, i) => append.resolve(lastIds[i] ?? 0));
    } catch (error) {
      for (const append of group) append.reject(error);
    }
  }

  async compact(
    name: string,
    throughId: number,
    snapshotOf: (replaced: readonly Uint8Array[]) => Uint8Array,
  ): Promise<void> {
    this.commitQueued();
    this.compactTx(name, throughId, snapshotOf);
  }

  async remove(name: string): Promise<void> {
    this.commitQueued();
    this.deleteAll.run(name);
  }
}

function toBytes(data: Buffer): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

import type BetterSqlite3 from 'better-sqlite3';
import type { DocumentStore, StoredDocument } from './documentStore.js';

/**
 * SQLite implementation of the document store. better-sqlite3 is synchronous: an append has
 * reached the WAL when the call returns, which is what lets the sync core fan an update out in
 * the same tick it was written. The promises are for the seam, not for concurrency.
 */
export class SqliteDocumentStore implements DocumentStore {
  private readonly selectEntries;
  private readonly insertEntry;
  private readonly insertEntryWithId;
  private readonly selectThrough;
  private readonly deleteThrough;
  private readonly deleteAll;
  private readonly appendMany;
  private readonly compactTx;

  constructor(db: BetterSqlite3.Database) {
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
    const rows = this.selectEntries.all(name);
    return {
      entries: rows.map((row) => toBytes(row.data)),
      lastId: rows.length > 0 ? (rows[rows.length - 1]?.id ?? null) : null,
    };
  }

  async append(name: string, updates: readonly Uint8Array[]): Promise<number> {
    if (updates.length === 0) throw new Error('append needs at least one update');
    return this.appendMany(name, updates);
  }

  async compact(
    name: string,
    throughId: number,
    snapshotOf: (replaced: readonly Uint8Array[]) => Uint8Array,
  ): Promise<void> {
    this.compactTx(name, throughId, snapshotOf);
  }

  async remove(name: string): Promise<void> {
    this.deleteAll.run(name);
  }
}

function toBytes(data: Buffer): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

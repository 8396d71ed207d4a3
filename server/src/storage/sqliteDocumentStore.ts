import { constants, deflateRawSync, inflateRawSync } from 'node:zlib';
import type BetterSqlite3 from 'better-sqlite3';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { DocumentAppend, DocumentStore, StoredDocument } from './documentStore.js';
import { UpdateJournal } from './updateJournal.js';

/** How long appended updates wait in the journal before one transaction commits them all. */
export const JOURNAL_COMMIT_INTERVAL_MS = 30_000;
/** Past this many bytes waiting in the journal they are committed at once. */
export const JOURNAL_COMMIT_BYTES = 4 * 1024 * 1024;
/** Times a compaction among several writers rebuilds its snapshot before giving up. */
const COMPACT_ATTEMPTS = 5;
/** Entries from this size up are stored deflated when that makes them smaller. */
export const DEFLATE_FROM_BYTES = 128;

export interface SqliteDocumentStoreOptions {
  /**
   * Write-ahead journal file. With it, an append is durable once written to the journal and
   * SQLite commits journaled updates in the background; without it, every append is its own
   * transaction. Only for a store that this process alone writes: another process reading the
   * database would not see what waits in this one's journal.
   */
  journalFile?: string;
  commitIntervalMs?: number;
  log?: (message: string, error?: unknown) => void;
}

interface Waiting {
  readonly ids: number[];
  readonly updates: Uint8Array[];
}

/**
 * SQLite implementation of the document store.
 *
 * Every SQLite commit costs whole 4 KiB WAL pages (and the same pages again when the checkpoint
 * copies them into the database file) whatever its size: committing each one-character update
 * wrote some 400 bytes per byte typed. So, with a journal, an append goes to the journal
 * (`UpdateJournal`: one small `write`, then a `fdatasync` shared with every append of the same
 * moment) and waits there; every `commitIntervalMs`, or past
 * `JOURNAL_COMMIT_BYTES`, one transaction commits every waiting update, one row per document
 * (see `Packing`), and records the journal's generation, after which the journal starts afresh.
 * On opening, a journal left by a crash is committed before anything is read.
 *
 * The commit runs on the event loop, so it does nothing whose cost grows faster than the bytes:
 * merging the updates with Yjs instead (`mergeUpdates` sorts its inputs at every step) took
 * 700 ms for 30 s of a busy meeting.
 *
 * Ids are handed out by this process (it is the only writer): an update gets its id when it is
 * journaled, and a row of several takes the id of the last one it holds, as a compaction's
 * snapshot takes the id of the last entry it replaces, so log order is kept.
 */
export class SqliteDocumentStore implements DocumentStore {
  /** With a journal this process is the only writer (see `openSqlitePersistence`). */
  readonly soleWriter: boolean;
  private readonly journal: UpdateJournal | null;
  private readonly commitIntervalMs: number;
  private readonly log: (message: string, error?: unknown) => void;
  private waiting = new Map<string, Waiting>();
  private waitingBytes = 0;
  private commitTimer: NodeJS.Timeout | null = null;
  private nextId: number;
  private readonly selectEntries;
  private readonly selectLastId;
  private readonly insertEntry;
  private readonly insertEntryWithId;
  private readonly insertBundle;
  private readonly selectThrough;
  private readonly selectThroughWithIds;
  private readonly selectIdsThrough;
  private readonly deleteThrough;
  private readonly deleteAll;
  private readonly selectGeneration;
  private readonly updateGeneration;
  private readonly commitTx;

  constructor(db: BetterSqlite3.Database, options: SqliteDocumentStoreOptions = {}) {
    this.commitIntervalMs = options.commitIntervalMs ?? JOURNAL_COMMIT_INTERVAL_MS;
    this.log = options.log ?? (() => undefined);
    this.selectEntries = db.prepare<[string], StoredRow & { id: number }>(
      'SELECT id, data, deflated FROM doc_updates WHERE doc = ? ORDER BY id',
    );
    this.selectLastId = db.prepare<[], { id: number | null }>(
      'SELECT max(id) AS id FROM doc_updates',
    );
    this.insertEntry = db.prepare<[string, Uint8Array]>(
      'INSERT INTO doc_updates (doc, data) VALUES (?, ?)',
    );
    const insertPacked = db.prepare<[number, string, Uint8Array, number]>(
      'INSERT INTO doc_updates (id, doc, data, deflated) VALUES (?, ?, ?, ?)',
    );
    this.insertEntryWithId = {
      run(id: number, name: string, bytes: Uint8Array) {
        const deflated = deflatedIfSmaller(bytes);
        insertPacked.run(id, name, deflated ?? bytes, deflated ? Packing.Deflated : Packing.Plain);
      },
    };
    this.insertBundle = {
      run(id: number, name: string, bytes: Uint8Array) {
        insertPacked.run(id, name, deflate(bytes), Packing.DeflatedBundle);
      },
    };
    this.selectThrough = db.prepare<[string, number], StoredRow>(
      'SELECT data, deflated FROM doc_updates WHERE doc = ? AND id <= ? ORDER BY id',
    );
    this.selectThroughWithIds = db.prepare<[string, number], StoredRow & { id: number }>(
      'SELECT id, data, deflated FROM doc_updates WHERE doc = ? AND id <= ? ORDER BY id',
    );
    this.selectIdsThrough = db.prepare<[string, number], { id: number }>(
      'SELECT id FROM doc_updates WHERE doc = ? AND id <= ? ORDER BY id',
    );
    this.deleteThrough = db.prepare<[string, number]>(
      'DELETE FROM doc_updates WHERE doc = ? AND id <= ?',
    );
    this.deleteAll = db.prepare<[string]>('DELETE FROM doc_updates WHERE doc = ?');
    this.selectGeneration = db.prepare<[], { generation: number }>(
      'SELECT generation FROM doc_journal WHERE id = 1',
    );
    this.updateGeneration = db.prepare<[number]>(
      'INSERT INTO doc_journal (id, generation) VALUES (1, ?) ' +
        'ON CONFLICT (id) DO UPDATE SET generation = excluded.generation',
    );
    // One transaction: whatever `change` does to the log, then every waiting update (but the
    // first `skip.get(name)` of a document, which `change` has replaced or removed), then the
    // journal generation they came from. Either all of it is committed or none of it.
    const transaction = db.transaction(
      (change: () => void, skip: ReadonlyMap<string, number>, generation: number | null) => {
        change();
        for (const [name, waiting] of this.waiting) {
          this.insertWaiting(name, waiting, skip.get(name) ?? 0);
        }
        if (generation !== null) this.updateGeneration.run(generation);
      },
    );
    // The journal is emptied right after this commit, so the commit must itself be on stable
    // storage by then ([J7]): the connection runs synchronous=NORMAL, which syncs the WAL only at
    // checkpoints, so this one transaction runs with FULL (one WAL sync, every 30 s or so).
    this.commitTx = (
      change: () => void,
      skip: ReadonlyMap<string, number>,
      generation: number | null,
    ) => {
      if (generation === null) return transaction(change, skip, generation);
      db.pragma('synchronous = FULL');
      try {
        transaction(change, skip, generation);
      } finally {
        db.pragma('synchronous = NORMAL');
      }
    };
    this.nextId = (this.selectLastId.get()?.id ?? 0) + 1;

    this.soleWriter = Boolean(options.journalFile);
    if (!options.journalFile) {
      this.journal = null;
      return;
    }
    const opened = UpdateJournal.open(options.journalFile);
    this.journal = opened.journal;
    const committed = this.selectGeneration.get()?.generation ?? 0;
    if (opened.droppedBytes > 0) {
      this.log(`document journal: dropped a torn tail of ${opened.droppedBytes} bytes`);
    }
    if (opened.found.generation > committed) {
      for (const { name, update } of opened.found.records) this.wait(name, [update]);
      if (opened.found.records.length > 0) {
        this.log(`document journal: recovered ${opened.found.records.length} updates`);
      }
    }
    this.commitWaiting(() => undefined, new Map(), Math.max(committed, opened.found.generation));
  }

  async load(name: string): Promise<StoredDocument> {
    const rows = this.selectEntries.all(name);
    const entries = rows.flatMap(entriesOf);
    let lastId = rows.length > 0 ? (rows[rows.length - 1]?.id ?? null) : null;
    const waiting = this.waiting.get(name);
    if (waiting) {
      // Read your own writes: journaled updates come after every committed entry.
      entries.push(...waiting.updates);
      lastId = waiting.ids[waiting.ids.length - 1] ?? lastId;
    }
    return { entries, lastId };
  }

  async append(name: string, updates: readonly Uint8Array[]): Promise<number> {
    const [lastId] = await this.appendAll([{ name, updates }]);
    return lastId ?? 0;
  }

  async appendAll(appends: readonly DocumentAppend[]): Promise<number[]> {
    if (appends.some(({ updates }) => updates.length === 0))
      throw new Error('append needs at least one update');
    if (!this.journal) return this.appendNow(appends);
    // Survives the process being killed from here on, so it is waiting to be committed...
    this.journal.appendAll(appends);
    const lastIds = appends.map(({ name, updates }) => this.wait(name, updates));
    if (this.waitingBytes >= JOURNAL_COMMIT_BYTES) this.commitSoon(0);
    else this.commitSoon(this.commitIntervalMs);
    // ...and appended once on stable storage ([J7]): only then is it fanned out and "Saved".
    await this.journal.sync();
    return lastIds;
  }

  /** Commits whatever waits in the journal now, rather than at the end of its interval. */
  async flush(): Promise<void> {
    this.commitWaiting(() => undefined);
  }

  /** Commits what waits and closes the journal; the store is not used afterwards. */
  close(): void {
    this.commitWaiting(() => undefined);
    this.journal?.close();
  }

  async compact(
    name: string,
    throughId: number,
    snapshotOf: (replaced: readonly Uint8Array[]) => Uint8Array | Promise<Uint8Array>,
  ): Promise<void> {
    if (!this.journal) return this.compactAmongWriters(name, throughId, snapshotOf);
    // The entries replaced are the committed ones and the journaled ones up to `throughId`, in
    // log order; the journaled ones after it are committed with the snapshot, as they are.
    const waiting = this.waiting.get(name);
    const waitingReplaced = waiting ? waiting.ids.filter((id) => id <= throughId).length : 0;
    this.commitWaiting(
      () => {
        const replaced = this.selectThrough.all(name, throughId).flatMap(entriesOf);
        if (waiting) replaced.push(...waiting.updates.slice(0, waitingReplaced));
        const snapshot = snapshotOf(replaced);
        if (snapshot instanceof Promise) {
          // Refused, and its eventual failure (a worker stopping at shutdown) is nobody's error.
          snapshot.catch(() => undefined);
          throw new Error('a store with one writer builds its snapshot in its transaction');
        }
        this.deleteThrough.run(name, throughId);
        this.insertEntryWithId.run(throughId, name, snapshot);
      },
      new Map([[name, waitingReplaced]]),
    );
  }

  /**
   * Without the journal other processes may append below `throughId` at any time. The snapshot
   * (possibly built off the event loop) is made from the entries read first, and swapped in only
   * if, inside the transaction, exactly those entries are still the ones it replaces; otherwise
   * it is built again from the new set.
   */
  private async compactAmongWriters(
    name: string,
    throughId: number,
    snapshotOf: (replaced: readonly Uint8Array[]) => Uint8Array | Promise<Uint8Array>,
  ): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      const rows = this.selectThroughWithIds.all(name, throughId);
      const snapshot = await snapshotOf(rows.flatMap(entriesOf));
      const ids = rows.map((row) => row.id).join(',');
      let swapped = false;
      this.commitTx(
        () => {
          const now = this.selectIdsThrough.all(name, throughId).map((row) => row.id);
          if (now.join(',') !== ids) return;
          this.deleteThrough.run(name, throughId);
          this.insertEntryWithId.run(throughId, name, snapshot);
          swapped = true;
        },
        new Map(),
        null,
      );
      if (swapped) return;
      if (attempt >= COMPACT_ATTEMPTS)
        throw new Error(`entries of ${name} kept changing while compacting`);
    }
  }

  async remove(name: string): Promise<void> {
    this.commitWaiting(() => this.deleteAll.run(name), new Map([[name, Infinity]]));
  }

  /** Takes `updates` as journaled; returns the last one's id. */
  private wait(name: string, updates: readonly Uint8Array[]): number {
    let waiting = this.waiting.get(name);
    if (!waiting) {
      waiting = { ids: [], updates: [] };
      this.waiting.set(name, waiting);
    }
    for (const update of updates) {
      waiting.ids.push(this.nextId++);
      waiting.updates.push(update);
      this.waitingBytes += update.byteLength;
    }
    return waiting.ids[waiting.ids.length - 1] ?? 0;
  }

  private commitSoon(delayMs: number): void {
    if (this.commitTimer && delayMs > 0) return;
    if (this.commitTimer) clearTimeout(this.commitTimer);
    this.commitTimer = setTimeout(() => {
      this.commitTimer = null;
      try {
        this.commitWaiting(() => undefined);
      } catch (error) {
        // Nothing is lost: the journal still holds every waiting update. Try again later.
        this.log('committing the document journal failed; retrying', error);
        this.commitSoon(this.commitIntervalMs);
      }
    }, delayMs);
    // Waiting updates are already durable in the journal; they need not keep the process up.
    this.commitTimer.unref();
  }

  /**
   * Runs `change` and commits every waiting update in one transaction, then starts the journal
   * afresh. With a journal, also what a compaction or a removal does: it must not leave
   * journaled updates behind that it has already replaced or removed.
   */
  private commitWaiting(
    change: () => void,
    skip: ReadonlyMap<string, number> = new Map(),
    generation = this.journal ? this.journal.generation : null,
  ): void {
    if (this.commitTimer) clearTimeout(this.commitTimer);
    this.commitTimer = null;
    this.commitTx(change, skip, generation);
    this.waiting = new Map();
    this.waitingBytes = 0;
    if (this.journal && generation !== null) this.journal.restart(generation + 1);
  }

  /** Without a journal: one transaction now, under ids SQLite picks (other processes may write). */
  private appendNow(appends: readonly DocumentAppend[]): number[] {
    const lastIds: number[] = [];
    this.commitTx(
      () => {
        for (const { name, updates } of appends) {
          let lastId = 0;
          for (const update of updates) {
            lastId = Number(this.insertEntry.run(name, update).lastInsertRowid);
          }
          lastIds.push(lastId);
        }
      },
      new Map(),
      null,
    );
    return lastIds;
  }

  private insertWaiting(name: string, waiting: Waiting, skip: number): void {
    const ids = waiting.ids.slice(skip);
    const updates = waiting.updates.slice(skip);
    const lastId = ids[ids.length - 1];
    if (lastId === undefined) return;
    if (updates.length === 1)
      this.insertEntryWithId.run(lastId, name, updates[0] ?? new Uint8Array());
    else this.insertBundle.run(lastId, name, bundle(updates));
  }
}

interface StoredRow {
  data: Buffer;
  /** How `data` holds its entries (the `deflated` column). */
  deflated: Packing;
}

/**
 * Entries are packed to write fewer pages: a snapshot, or an entry large enough, is deflated on
 * its own; the updates a journal commit takes of one document become one row, each update
 * length-prefixed and the whole deflated. Yjs's v1 encoding repeats client ids and origins from
 * update to update, so the row is about half what the updates were. Plain zlib on bytes, so the
 * store still knows nothing of what it keeps, and every entry loads back byte for byte.
 */
const enum Packing {
  Plain = 0,
  Deflated = 1,
  DeflatedBundle = 2,
}

function deflate(bytes: Uint8Array): Uint8Array {
  return deflateRawSync(bytes, { level: constants.Z_BEST_SPEED });
}

function deflatedIfSmaller(bytes: Uint8Array): Uint8Array | null {
  if (bytes.byteLength < DEFLATE_FROM_BYTES) return null;
  const deflated = deflate(bytes);
  return deflated.byteLength < bytes.byteLength * 0.9 ? deflated : null;
}

function bundle(updates: readonly Uint8Array[]): Uint8Array {
  const encoder = encoding.createEncoder();
  for (const update of updates) encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** The entries a row holds, in log order. */
function entriesOf(row: StoredRow): Uint8Array[] {
  const data = row.deflated === Packing.Plain ? row.data : inflateRawSync(row.data);
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (row.deflated !== Packing.DeflatedBundle) return [bytes];
  const entries: Uint8Array[] = [];
  const decoder = decoding.createDecoder(bytes);
  while (decoding.hasContent(decoder)) entries.push(decoding.readVarUint8Array(decoder));
  return entries;
}

import type { Pool } from 'pg';
import type { DocumentAppend, DocumentStore, StoredDocument } from './documentStore.js';

/** Rows one group commit inserts at most (PostgreSQL takes up to 65,535 parameters). */
const MAX_ROWS_PER_COMMIT = 1000;

interface QueuedAppend {
  readonly appends: readonly DocumentAppend[];
  resolve(lastIds: number[]): void;
  reject(error: unknown): void;
}

/**
 * PostgreSQL implementation of the document store, on the same `doc_updates` table as SQLite.
 * An append is one multi-row INSERT (one round trip, one commit), so a batch the sync core hands
 * over is durable together. Ids come from the table's sequence: increasing, so log order holds.
 */
export class PostgresDocumentStore implements DocumentStore {
  /** Every server process of a deployment writes the same database. */
  readonly soleWriter = false;

  constructor(private readonly pool: Pool) {}

  async load(name: string): Promise<StoredDocument> {
    const { rows } = await this.pool.query<{ id: string; data: Buffer }>(
      'SELECT id, data FROM doc_updates WHERE doc = $1 ORDER BY id',
      [name],
    );
    return {
      entries: rows.map(
        (row) => new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength),
      ),
      // bigserial arrives as a string; ids stay far below 2^53.
      lastId: rows.length > 0 ? Number(rows[rows.length - 1]?.id) : null,
    };
  }

  async append(name: string, updates: readonly Uint8Array[]): Promise<number> {
    const [lastId] = await this.appendAll([{ name, updates }]);
    return lastId ?? 0;
  }

  /**
   * Group commit ([N2]): appends made while a commit is under way wait for it and then go
   * together, in one INSERT (one round trip, one commit, one WAL flush), so a busy process pays
   * one commit for all the edits of that moment instead of one per keystroke. Each resolves once
   * its group is committed, and a group that fails rejects every append in it (the rooms retry).
   */
  appendAll(appends: readonly DocumentAppend[]): Promise<number[]> {
    if (appends.some(({ updates }) => updates.length === 0))
      return Promise.reject(new Error('append needs at least one update'));
    return new Promise((resolve, reject) => {
      this.queued.push({ appends, resolve, reject });
      if (!this.committing) this.committing = this.commitQueued();
    });
  }

  private queued: QueuedAppend[] = [];
  private committing: Promise<void> | null = null;

  private async commitQueued(): Promise<void> {
    // Appends of the same turn of the event loop (several rooms' batches) join the first group.
    await Promise.resolve();
    while (this.queued.length > 0) {
      const group: QueuedAppend[] = [];
      let rows = 0;
      while (this.queued.length > 0) {
        const next = this.queued[0] as QueuedAppend;
        const size = next.appends.reduce((sum, { updates }) => sum + updates.length, 0);
        if (group.length > 0 && rows + size > MAX_ROWS_PER_COMMIT) break;
        group.push(next);
        this.queued.shift();
        rows += size;
      }
      try {
        const lastIds = await this.insertGroup(group.flatMap((queued) => queued.appends));
        let at = 0;
        for (const queued of group) {
          queued.resolve(lastIds.slice(at, at + queued.appends.length));
          at += queued.appends.length;
        }
      } catch (error) {
        for (const queued of group) queued.reject(error);
      }
    }
    this.committing = null;
  }

  /** One INSERT of every update of `appends`; resolves with each append's last id. */
  private async insertGroup(appends: readonly DocumentAppend[]): Promise<number[]> {
    const params: unknown[] = [];
    const values: string[] = [];
    for (const { name, updates } of appends) {
      params.push(name);
      const nameParam = params.length;
      for (const update of updates) {
        params.push(Buffer.from(update.buffer, update.byteOffset, update.byteLength));
        values.push(`($${nameParam}, $${params.length})`);
      }
    }
    const { rows } = await this.pool.query<{ id: string }>(
      `INSERT INTO doc_updates (doc, data) VALUES ${values.join(', ')} RETURNING id`,
      params,
    );
    // The sequence hands out increasing ids as the rows are inserted, in the order of VALUES.
    const ids = rows.map((row) => Number(row.id)).sort((a, b) => a - b);
    let at = 0;
    return appends.map(({ updates }) => {
      at += updates.length;
      return ids[at - 1] ?? 0;
    });
  }

  async compact(
    name: string,
    throughId: number,
    snapshotOf: (replaced: readonly Uint8Array[]) => Uint8Array | Promise<Uint8Array>,
  ): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // What the DELETE removes is exactly what it returns: a row another process commits below
      // `throughId` after this statement began is neither deleted nor needed in the snapshot.
      const { rows } = await client.query<{ id: string; data: Buffer }>(
        'DELETE FROM doc_updates WHERE doc = $1 AND id <= $2 RETURNING id, data',
        [name, throughId],
      );
      rows.sort((a, b) => Number(a.id) - Number(b.id));
      const snapshot = await snapshotOf(
        rows.map(
          (row) => new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength),
        ),
      );
      // The snapshot takes the largest id it replaces, as in SQLite, so later entries keep order.
      await client.query('INSERT INTO doc_updates (id, doc, data) VALUES ($1, $2, $3)', [
        throughId,
        name,
        Buffer.from(snapshot.buffer, snapshot.byteOffset, snapshot.byteLength),
      ]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async remove(name: string): Promise<void> {
    await this.pool.query('DELETE FROM doc_updates WHERE doc = $1', [name]);
  }
}

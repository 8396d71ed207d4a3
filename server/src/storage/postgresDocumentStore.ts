import type { Pool } from 'pg';
import type { DocumentStore, StoredDocument } from './documentStore.js';

/**
 * PostgreSQL implementation of the document store, on the same `doc_updates` table as SQLite.
 * An append is one multi-row INSERT (one round trip, one commit), so a batch the sync core hands
 * over is durable together. Ids come from the table's sequence: increasing, so log order holds.
 */
export class PostgresDocumentStore implements DocumentStore {
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
    if (updates.length === 0) throw new Error('append needs at least one update');
    const values = updates.map((_, i) => `($1, $${i + 2})`).join(', ');
    const { rows } = await this.pool.query<{ id: string }>(
      `INSERT INTO doc_updates (doc, data) VALUES ${values} RETURNING id`,
      [
        name,
        ...updates.map((update) =>
          Buffer.from(update.buffer, update.byteOffset, update.byteLength),
        ),
      ],
    );
    return Math.max(...rows.map((row) => Number(row.id)));
  }

  async compact(
    name: string,
    throughId: number,
    snapshotOf: (replaced: readonly Uint8Array[]) => Uint8Array,
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
      const snapshot = snapshotOf(
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

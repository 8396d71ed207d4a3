import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  openPostgresPersistence,
  openSqlitePersistence,
  type DocumentStore,
} from '@unitroom/server';
import pg from 'pg';
import {
  POSTGRES_SKIP_REASON,
  describeEachStore,
  dropPostgresSchema,
  postgresTestSchema,
} from '../helpers/postgres.js';
import { makeDataDir } from '../helpers/testServer.js';

/**
 * One contract for every implementation of the storage seam. PostgreSQL runs when DATABASE_URL
 * names a server (CI sets it), each test in a schema of its own; without it the suite says so.
 */
type OpenedStore = { store: DocumentStore; close(): Promise<void> };

async function openStore(postgres?: { url: string }, journal = true): Promise<OpenedStore> {
  if (postgres) {
    const schema = postgresTestSchema('contract');
    const persistence = await openPostgresPersistence({ connectionString: postgres.url, schema });
    return {
      store: persistence.documents,
      async close() {
        await persistence.close();
        await dropPostgresSchema(postgres.url, schema);
      },
    };
  }
  const dir = makeDataDir();
  const persistence = await openSqlitePersistence(dir, undefined, { journal });
  return {
    store: persistence.documents,
    async close() {
      await persistence.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const bytes = (...values: number[]) => new Uint8Array(values);

function contract({ postgres, journal }: { postgres?: { url: string }; journal?: boolean }) {
  async function withStore(run: (store: DocumentStore) => Promise<void>): Promise<void> {
    const { store, close } = await openStore(postgres, journal);
    try {
      await run(store);
    } finally {
      await close();
    }
  }

  it('[S1] a document never written loads empty', () =>
    withStore(async (store) => {
      expect(await store.load('meeting:none')).toEqual({ entries: [], lastId: null });
    }));

  it('[S2] appends load back in order, byte for byte, with increasing ids', () =>
    withStore(async (store) => {
      const first = await store.append('meeting:a', [bytes(1), bytes(2, 2)]);
      const second = await store.append('meeting:a', [bytes(3, 3, 3)]);
      expect(second).toBeGreaterThan(first);
      const loaded = await store.load('meeting:a');
      expect(loaded.entries.map((e) => Array.from(e))).toEqual([[1], [2, 2], [3, 3, 3]]);
      expect(loaded.lastId).toBe(second);
    }));

  it('[S2] appends made at the same moment, to several documents, all resolve and are all kept', () =>
    withStore(async (store) => {
      // Concurrent callers get no order between them (the sync core awaits one append per room
      // at a time); every append is kept, under the id it resolved with.
      const ids = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          store.append(i % 2 === 0 ? 'meeting:a' : 'meeting:b', [bytes(i)]),
        ),
      );
      expect(new Set(ids).size).toBe(10);
      const a = await store.load('meeting:a');
      expect(a.entries.map((e) => e[0]).sort()).toEqual([0, 2, 4, 6, 8]);
      expect(a.lastId).toBe(Math.max(...ids.filter((_, i) => i % 2 === 0)));
      const b = await store.load('meeting:b');
      expect(b.entries.map((e) => e[0]).sort()).toEqual([1, 3, 5, 7, 9]);
      expect(b.lastId).toBe(Math.max(...ids.filter((_, i) => i % 2 === 1)));
    }));

  it('[S3] documents are independent', () =>
    withStore(async (store) => {
      await store.append('meeting:a', [bytes(1)]);
      await store.append('family:b', [bytes(9)]);
      expect((await store.load('meeting:a')).entries.map((e) => Array.from(e))).toEqual([[1]]);
      expect((await store.load('family:b')).entries.map((e) => Array.from(e))).toEqual([[9]]);
    }));

  it('[S4] compaction replaces entries through the id by the snapshot and keeps later ones', () =>
    withStore(async (store) => {
      await store.append('meeting:a', [bytes(1), bytes(2)]);
      const through = await store.append('meeting:a', [bytes(3)]);
      const later = await store.append('meeting:a', [bytes(4)]);
      await store.compact('meeting:a', through, () => bytes(7, 7));
      const loaded = await store.load('meeting:a');
      expect(loaded.entries.map((e) => Array.from(e))).toEqual([[7, 7], [4]]);
      expect(loaded.lastId).toBe(later);
      // Compacting again over the snapshot works too.
      await store.compact('meeting:a', later, () => bytes(8));
      expect((await store.load('meeting:a')).entries.map((e) => Array.from(e))).toEqual([[8]]);
    }));

  it('[S5] appends after compaction get ids beyond the snapshot', () =>
    withStore(async (store) => {
      const through = await store.append('meeting:a', [bytes(1), bytes(2)]);
      await store.compact('meeting:a', through, () => bytes(5));
      const next = await store.append('meeting:a', [bytes(6)]);
      expect(next).toBeGreaterThan(through);
      expect((await store.load('meeting:a')).entries.map((e) => Array.from(e))).toEqual([[5], [6]]);
    }));

  it('[S4] the snapshot is built from exactly the entries it replaces, in log order', () =>
    withStore(async (store) => {
      await store.append('meeting:a', [bytes(1), bytes(2)]);
      await store.append('meeting:b', [bytes(9)]);
      const through = await store.append('meeting:a', [bytes(3)]);
      await store.append('meeting:a', [bytes(4)]);
      let replaced: number[][] = [];
      await store.compact('meeting:a', through, (entries) => {
        replaced = entries.map((e) => Array.from(e));
        return bytes(...replaced.flat());
      });
      expect(replaced).toEqual([[1], [2], [3]]);
      expect((await store.load('meeting:a')).entries.map((e) => Array.from(e))).toEqual([
        [1, 2, 3],
        [4],
      ]);
    }));

  it('[S4] a compaction whose snapshot fails changes nothing', () =>
    withStore(async (store) => {
      const through = await store.append('meeting:a', [bytes(1), bytes(2)]);
      await expect(
        store.compact('meeting:a', through, () => {
          throw new Error('cannot build');
        }),
      ).rejects.toThrow('cannot build');
      expect((await store.load('meeting:a')).entries.map((e) => Array.from(e))).toEqual([[1], [2]]);
    }));

  it('[S6] remove deletes one document only', () =>
    withStore(async (store) => {
      await store.append('meeting:a', [bytes(1)]);
      await store.append('meeting:b', [bytes(2)]);
      await store.remove('meeting:a');
      expect((await store.load('meeting:a')).entries).toEqual([]);
      expect((await store.load('meeting:b')).entries).toHaveLength(1);
    }));

  it('[S7] large entries round-trip intact', () =>
    withStore(async (store) => {
      const big = new Uint8Array(2 * 1024 * 1024).map((_, i) => i % 251);
      await store.append('meeting:big', [big]);
      const [loaded] = (await store.load('meeting:big')).entries;
      expect(loaded?.length).toBe(big.length);
      expect(Buffer.from(loaded ?? []).equals(Buffer.from(big))).toBe(true);
    }));

  it('[S8] an append of nothing is refused rather than silently ignored', () =>
    withStore(async (store) => {
      await expect(store.append('meeting:a', [])).rejects.toThrow();
    }));

  it('[N1] appendAll appends to several documents at once and resolves with each last id', () =>
    withStore(async (store) => {
      expect(store.appendAll).toBeDefined();
      const before = await store.append('meeting:a', [bytes(0)]);
      const ids = await store.appendAll!([
        { name: 'meeting:a', updates: [bytes(1), bytes(2)] },
        { name: 'history:meeting:a', updates: [bytes(9, 9)] },
        { name: 'meeting:b', updates: [bytes(3)] },
      ]);
      expect(ids).toHaveLength(3);
      expect(ids[0]).toBeGreaterThan(before);
      const a = await store.load('meeting:a');
      expect(a.entries.map((e) => Array.from(e))).toEqual([[0], [1], [2]]);
      expect(a.lastId).toBe(ids[0]);
      const history = await store.load('history:meeting:a');
      expect(history.entries.map((e) => Array.from(e))).toEqual([[9, 9]]);
      expect(history.lastId).toBe(ids[1]);
      expect((await store.load('meeting:b')).lastId).toBe(ids[2]);
      await expect(
        store.appendAll!([
          { name: 'meeting:a', updates: [bytes(4)] },
          { name: 'meeting:b', updates: [] },
        ]),
      ).rejects.toThrow();
      expect((await store.load('meeting:a')).entries).toHaveLength(3);
    }));
}

describeEachStore('document store contract', contract);
// SQLite journals updates by default; with several processes on one file (REDIS_URL) it commits
// each at once. Either way the contract is the same.
describe('document store contract (SQLite, no journal)', () => contract({ journal: false }));

/**
 * [N2] Group commit: appends made while a commit is under way (or in the same turn of the event
 * loop) are committed together. Rows one transaction inserted share their `xmin`, so the test
 * reads the grouping from PostgreSQL itself, not from a clock.
 */
const postgresUrl = process.env.DATABASE_URL;
// Skipped without DATABASE_URL (no PostgreSQL to group commits on); the title carries the reason.
(postgresUrl ? describe : describe.skip)(
  `PostgreSQL group commit${postgresUrl ? '' : ` (${POSTGRES_SKIP_REASON})`}`,
  () => {
    it('[N2] appends of the same moment share one transaction, each resolving with its own ids', async () => {
      const url = postgresUrl ?? '';
      const schema = postgresTestSchema('groupcommit');
      const persistence = await openPostgresPersistence({ connectionString: url, schema });
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const store = persistence.documents;
        const names = Array.from({ length: 12 }, (_, i) => `meeting:group-${i}`);
        // A commit under way, then a dozen rooms' batches (each with its history) meanwhile.
        const first = store.append('meeting:first', [bytes(1)]);
        const ids = await Promise.all([
          first,
          ...names.map((name, i) =>
            store.appendAll!([
              { name, updates: [bytes(i), bytes(i, i)] },
              { name: `history:${name}`, updates: [bytes(100 + i)] },
            ]),
          ),
        ]);
        const transactions = await client.query<{ doc: string; xmin: string }>(
          `SELECT doc, xmin::text AS xmin FROM "${schema}".doc_updates`,
        );
        const byDoc = new Map(transactions.rows.map((row) => [row.doc, row.xmin]));
        const grouped = new Set(
          names.flatMap((name) => [byDoc.get(name), byDoc.get(`history:${name}`)]),
        );
        // Every batch and its history in one transaction, all of them in the same one.
        expect(grouped.size).toBe(1);
        expect(transactions.rows).toHaveLength(1 + names.length * 3);
        for (const [i, name] of names.entries()) {
          const loaded = await store.load(name);
          expect(loaded.entries.map((e) => Array.from(e))).toEqual([[i], [i, i]]);
          expect(loaded.lastId).toBe((ids[i + 1] as number[])[0]);
          expect((await store.load(`history:${name}`)).lastId).toBe((ids[i + 1] as number[])[1]);
        }
      } finally {
        await client.end();
        await persistence.close();
        await dropPostgresSchema(url, schema);
      }
    });
  },
);

import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import type { Database } from './schema.js';
import { migrationProvider } from './migrations.js';
import { SqliteDocumentStore } from '../storage/sqliteDocumentStore.js';
import type { Persistence } from './persistence.js';
import { startWalCheckpointer } from './walCheckpointer.js';

export const SQLITE_FILE_NAME = 'unitroom.sqlite';
export const JOURNAL_FILE_NAME = 'unitroom.journal';

/**
 * Opens (creating if needed) the embedded store under `dataDir` and migrates it. One file holds
 * the relational data and the document log, so one WAL checkpoint covers both.
 *
 * WAL with synchronous=NORMAL: a committed transaction survives the process being killed (the
 * case that matters for a server); only an OS crash or power cut can lose the last commits.
 */
export async function openSqlitePersistence(
  dataDir: string,
  log: (message: string, error?: unknown) => void = () => undefined,
  options: {
    /** Journal document updates (see SqliteDocumentStore); only when this process is the only writer. */
    journal?: boolean;
    journalCommitMs?: number;
  } = {},
): Promise<Persistence> {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, SQLITE_FILE_NAME);
  const raw = new BetterSqlite3(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  // Checkpoints happen in a worker thread instead; see walCheckpointer.ts.
  raw.pragma('wal_autocheckpoint = 0');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
  const migrator = new Migrator({ db, provider: migrationProvider('sqlite') });
  const { error } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    throw error instanceof Error ? error : new Error(String(error));
  }
  const checkpointer = startWalCheckpointer(file, log);
  const documents = new SqliteDocumentStore(raw, {
    ...(options.journal === false ? {} : { journalFile: path.join(dataDir, JOURNAL_FILE_NAME) }),
    ...(options.journalCommitMs ? { commitIntervalMs: options.journalCommitMs } : {}),
    log,
  });
  return {
    dialect: 'sqlite',
    combinesAppends: options.journal !== false,
    db,
    documents,
    releaseMemory() {
      // Frees every page of the connection's page cache not in use: better-sqlite3 builds
      // SQLite with a cache of up to 16 MB per connection, which a server that has served a
      // thousand documents keeps full of their pages. It refills from the file as needed.
      raw.pragma('shrink_memory');
    },
    async close() {
      documents.close();
      await checkpointer.stop();
      // Kysely's destroy closes the better-sqlite3 handle; the last connection to close
      // checkpoints the whole WAL into the database file.
      await db.destroy();
    },
  };
}

import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import type { Database } from './schema.js';
import { migrationProvider } from './migrations.js';
import { SqliteDocumentStore } from '../storage/sqliteDocumentStore.js';
import type { Persistence } from './persistence.js';

export const SQLITE_FILE_NAME = 'unitroom.sqlite';

/**
 * Opens (creating if needed) the embedded store under `dataDir` and migrates it. One file holds
 * the relational data and the document log, so one WAL checkpoint covers both.
 *
 * WAL with synchronous=NORMAL: a committed transaction survives the process being killed (the
 * case that matters for a server); only an OS crash or power cut can lose the last commits.
 */
export async function openSqlitePersistence(dataDir: string): Promise<Persistence> {
  fs.mkdirSync(dataDir, { recursive: true });
  const raw = new BetterSqlite3(path.join(dataDir, SQLITE_FILE_NAME));
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
  const migrator = new Migrator({ db, provider: migrationProvider('sqlite') });
  const { error } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    throw error instanceof Error ? error : new Error(String(error));
  }
  return {
    dialect: 'sqlite',
    db,
    documents: new SqliteDocumentStore(raw),
    async close() {
      // Kysely's destroy closes the better-sqlite3 handle, which checkpoints the WAL.
      await db.destroy();
    },
  };
}

import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { JOURNAL_FILE_NAME, SQLITE_FILE_NAME } from '../db/sqlite.js';

export interface SqliteBackup {
  /** The files written into the target folder: the database, and the journal when there was one. */
  readonly files: readonly string[];
  readonly bytes: number;
}

/**
 * Copies a SQLite store into `targetDir` while its server may be running: a backup that a server
 * started on that folder opens as the store stood, nothing another client had seen lost.
 *
 * The journal is copied first, then the database through SQLite's online backup. Whatever the
 * journal held is either in the copy of the journal, or was committed (and the journal's
 * generation recorded) before the database was copied; on start the server replays the journal
 * only if its generation is not yet committed, and drops a torn tail. The other order could copy
 * a database from before a commit and a journal from after it, losing what that commit held.
 */
export async function backupSqliteStore(dataDir: string, targetDir: string): Promise<SqliteBackup> {
  const database = path.join(dataDir, SQLITE_FILE_NAME);
  if (!fs.existsSync(database)) throw new Error(`no Unitroom store in ${dataDir}`);
  fs.mkdirSync(targetDir, { recursive: true });
  if (fs.readdirSync(targetDir).length > 0) {
    throw new Error(`${targetDir} is not empty: a backup goes into a folder of its own`);
  }
  const files: string[] = [];
  const journal = path.join(dataDir, JOURNAL_FILE_NAME);
  if (fs.existsSync(journal)) {
    fs.copyFileSync(journal, path.join(targetDir, JOURNAL_FILE_NAME));
    files.push(JOURNAL_FILE_NAME);
  }
  const source = new BetterSqlite3(database, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    await source.backup(path.join(targetDir, SQLITE_FILE_NAME));
  } finally {
    source.close();
  }
  files.push(SQLITE_FILE_NAME);
  const bytes = files.reduce((sum, file) => sum + fs.statSync(path.join(targetDir, file)).size, 0);
  return { files, bytes };
}

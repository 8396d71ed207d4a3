import path from 'node:path';
import { backupSqliteStore } from './ops/backup.js';

/**
 * `npm run backup -- <target folder>`: copies the SQLite store under DATA_DIR (./data) while the
 * server runs. Restore by starting the server with DATA_DIR pointing at a copy of that folder.
 * PostgreSQL deployments back up with the database's own tools (docs/operations.md).
 */
const target = process.argv[2];
if (!target || process.env.DATABASE_URL) {
  console.error(
    process.env.DATABASE_URL
      ? 'DATABASE_URL is set: back up PostgreSQL with pg_dump (see docs/operations.md)'
      : 'usage: npm run backup -- <empty target folder>',
  );
  process.exit(2);
}
const dataDir = path.resolve(process.env.DATA_DIR ?? './data');
try {
  const { files, bytes } = await backupSqliteStore(dataDir, path.resolve(target));
  console.log(`backed up ${files.join(' and ')} (${bytes} bytes) into ${path.resolve(target)}`);
} catch (error) {
  console.error(`backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

import type { Persistence } from './persistence.js';
import type { PostgresOptions } from './postgres.js';

export type { PostgresOptions };

/**
 * Opens and migrates PostgreSQL (`./postgres.ts`), loading the driver on first use: what imports
 * the server without a PostgreSQL store (a SQLite deployment, most test files) never loads `pg`
 * (docs/performance-log.md, 2026-12-07, what loading the server costs).
 */
export async function openPostgresPersistence(options: PostgresOptions): Promise<Persistence> {
  const postgres = await import('./postgres.js');
  return postgres.openPostgresPersistence(options);
}

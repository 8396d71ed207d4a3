import { randomBytes } from 'node:crypto';
import { describe } from 'vitest';

export const POSTGRES_SKIP_REASON =
  'skipped: DATABASE_URL is not set, so there is no PostgreSQL to test against (.ci/run sets it)';

/** A fresh schema name per test, so suites share one database without seeing each other. */
export const postgresTestSchema = (prefix: string): string =>
  `${prefix}_${randomBytes(6).toString('hex')}`;

export async function dropPostgresSchema(connectionString: string, schema: string): Promise<void> {
  // The driver loads only here: every file that starts a server imports this helper, most of them
  // on SQLite only (docs/performance-log.md, 2026-12-07, what loading the server costs).
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

/**
 * Runs `suite` once per store: SQLite always, PostgreSQL (a schema per test) when DATABASE_URL is
 * set. Without it, the PostgreSQL run is declared skipped, with the reason in its title.
 */
export function describeEachStore(
  title: string,
  suite: (store: { postgres?: { url: string } }) => void,
): void {
  const url = process.env.DATABASE_URL;
  describe(`${title} (SQLite)`, () => suite({}));
  if (url) describe(`${title} (PostgreSQL)`, () => suite({ postgres: { url } }));
  else describe.skip(`${title} (PostgreSQL: ${POSTGRES_SKIP_REASON})`, () => suite({}));
}

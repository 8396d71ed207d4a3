import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const POSTGRES_SKIP_REASON =
  'skipped: DATABASE_URL is not set, so there is no PostgreSQL to test against (.ci/run sets it)';

/** A fresh schema name per test, so suites share one database without seeing each other. */
export const postgresTestSchema = (prefix: string): string =>
  `${prefix}_${randomBytes(6).toString('hex')}`;

export async function dropPostgresSchema(connectionString: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

/**
 * The stores an integration suite runs against with `describe.each`: SQLite always, PostgreSQL
 * when DATABASE_URL is set. Without it, `skipped` names the reason, for a suite to report.
 */
export function storesUnderTest(): {
  stores: Array<{ store: string; postgres?: { url: string } }>;
  skipped: string | null;
} {
  const url = process.env.DATABASE_URL;
  return {
    stores: [{ store: 'SQLite' }, ...(url ? [{ store: 'PostgreSQL', postgres: { url } }] : [])],
    skipped: url ? null : POSTGRES_SKIP_REASON,
  };
}

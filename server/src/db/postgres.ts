import { Kysely, Migrator, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';
import { migrationProvider } from './migrations.js';
import type { Persistence } from './persistence.js';
import { PostgresDocumentStore } from '../storage/postgresDocumentStore.js';

export interface PostgresOptions {
  connectionString: string;
  /**
   * Schema to create and use instead of `public`: lets tests run side by side on one database,
   * and lets one database hold several deployments.
   */
  schema?: string;
  /** Connections in the pool. */
  maxConnections?: number;
}

/** Opens and migrates PostgreSQL: the relational data and the document log in one database. */
export async function openPostgresPersistence(options: PostgresOptions): Promise<Persistence> {
  const schema = options.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`invalid schema name ${schema}`);
  }
  if (schema) {
    const setup = new pg.Client({ connectionString: options.connectionString });
    await setup.connect();
    try {
      await setup.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await setup.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const { error } = await new Migrator({
    db,
    provider: migrationProvider('postgres'),
    // Kysely looks for its tables across schemas; name ours, or another schema's would count.
    ...(schema ? { migrationTableSchema: schema } : {}),
  }).migrateToLatest();
  if (error) {
    await db.destroy();
    throw error instanceof Error ? error : new Error(String(error));
  }
  return {
    dialect: 'postgres',
    combinesAppends: false,
    db,
    documents: new PostgresDocumentStore(pool),
    // The database's own processes hold its caches; the pool keeps only its connections.
    releaseMemory: () => undefined,
    async close() {
      // Kysely's destroy ends the pool.
      await db.destroy();
    },
  };
}

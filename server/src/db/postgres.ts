import {
  Kysely,
  Migrator,
  PostgresDialect,
  sql,
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type SchemaMetadata,
  type TableMetadata,
} from 'kysely';
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
  const db = new Kysely<Database>({ dialect: new OwnSchemaPostgresDialect({ pool }) });
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

/**
 * Kysely's PostgreSQL introspector lists the tables of every schema in the database, calling
 * `has_schema_privilege(name)` on each: a schema dropped by another deployment (or test) while it
 * runs fails our migration with "schema … does not exist". The migrator asks only whether its own
 * tables exist, so this introspector looks in our schema alone (the first on the search path).
 */
class OwnSchemaPostgresDialect extends PostgresDialect {
  // Kysely's own signature takes a Kysely of any database.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new OwnSchemaIntrospector(db);
  }
}

class OwnSchemaIntrospector implements DatabaseIntrospector {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  constructor(private readonly db: Kysely<any>) {}

  async getSchemas(): Promise<SchemaMetadata[]> {
    const { rows } = await sql<{ name: string }>`
      select nspname as name from pg_catalog.pg_namespace`.execute(this.db);
    return rows;
  }

  /** Our schema's tables and views, without their columns: nothing here reads those. */
  async getTables(): Promise<TableMetadata[]> {
    const { rows } = await sql<{ name: string; schema: string; kind: string }>`
      select c.relname as name, ns.nspname as schema, c.relkind as kind
      from pg_catalog.pg_class c
      join pg_catalog.pg_namespace ns on ns.oid = c.relnamespace
      where ns.nspname = current_schema() and c.relkind in ('r', 'v', 'p')
      order by c.relname`.execute(this.db);
    return rows.map(({ name, schema, kind }) => ({
      name,
      schema,
      isView: kind === 'v',
      columns: [],
    }));
  }

  async getMetadata(): Promise<DatabaseMetadata> {
    return { tables: await this.getTables() };
  }
}

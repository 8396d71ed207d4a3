import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { openPostgresPersistence } from '@unitroom/server';
import {
  dropPostgresSchema,
  postgresTestSchema,
  POSTGRES_SKIP_REASON,
} from '../helpers/postgres.js';

/**
 * One PostgreSQL database can hold several deployments (and CI's tests) in schemas of their own.
 * Opening one must not depend on what the others are doing: dropping a schema while another
 * deployment migrates once failed the migration with "schema … does not exist", because the
 * migrator looked at every schema's tables.
 */
const url = process.env.DATABASE_URL;
// Skipped without DATABASE_URL (no PostgreSQL to migrate); the title then carries the reason.
const suite = url ? describe : describe.skip;

suite(`PostgreSQL: schemas of their own${url ? '' : ` (${POSTGRES_SKIP_REASON})`}`, () => {
  const opened: string[] = [];
  afterAll(async () => {
    for (const schema of opened) await dropPostgresSchema(url ?? '', schema);
  });

  it('[P1] migrates while other deployments create and drop their schemas alongside', async () => {
    const connectionString = url ?? '';
    let churning = true;
    // Another deployment coming and going: a schema with a serial column, created and dropped.
    async function churn(): Promise<number> {
      const client = new pg.Client({ connectionString });
      await client.connect();
      let rounds = 0;
      try {
        while (churning) {
          const other = postgresTestSchema('churn');
          await client.query(`CREATE SCHEMA ${other}`);
          await client.query(`CREATE TABLE ${other}.t (id serial primary key, a text, b text)`);
          await client.query(`DROP SCHEMA ${other} CASCADE`);
          rounds += 1;
        }
      } finally {
        await client.end();
      }
      return rounds;
    }
    const churners = [churn(), churn()];
    try {
      for (let i = 0; i < 8; i += 1) {
        const schema = postgresTestSchema('migrate');
        opened.push(schema);
        const persistence = await openPostgresPersistence({ connectionString, schema });
        await persistence.close();
      }
    } finally {
      churning = false;
    }
    const rounds = await Promise.all(churners);
    // The churn really ran alongside the migrations.
    expect(rounds[0]! + rounds[1]!).toBeGreaterThan(8);
  });
});

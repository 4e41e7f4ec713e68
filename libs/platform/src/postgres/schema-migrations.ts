import type { Pool } from 'pg';

/** One step of a schema's history; its version is recorded in `<schema>.migrations` once it has run. */
export interface SchemaMigration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export interface SchemaMigrations {
  /** The PostgreSQL schema the migrations and their `migrations` table live in. */
  readonly schema: string;
  /** A fixed advisory-lock key, distinct per schema, so one schema's migration never waits on another's. */
  readonly lockKey: number;
  readonly migrations: readonly SchemaMigration[];
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * Applies a schema's ordered migrations that have not run yet and returns the versions it applied. Under an
 * advisory lock, so that several processes starting together migrate once (the others find the versions done);
 * each migration commits in its own transaction together with its row in `<schema>.migrations`.
 */
export async function applySchemaMigrations(
  pool: Pool,
  { schema, lockKey, migrations }: SchemaMigrations,
): Promise<number[]> {
  // The schema name is written into SQL, as identifiers cannot be bound as parameters.
  if (!IDENTIFIER.test(schema)) throw new Error(`Invalid schema name for migrations: ${schema}`);
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [lockKey]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${schema}.migrations (
         version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const done = await client.query<{ version: number }>(`SELECT version FROM ${schema}.migrations`);
    const doneVersions = new Set(done.rows.map((row) => row.version));
    for (const migration of migrations) {
      if (doneVersions.has(migration.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query(`INSERT INTO ${schema}.migrations (version, name) VALUES ($1, $2)`, [
          migration.version,
          migration.name,
        ]);
        await client.query('COMMIT');
        applied.push(migration.version);
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [lockKey]).catch(() => undefined);
    client.release();
  }
  return applied;
}

import type { Pool } from 'pg';

/**
 * Remediation's own schema, as ordered migrations applied under an advisory lock (replicas starting together
 * migrate once), each in its own transaction, as libs/notify keeps its schema.
 */
const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'minutes logged per customer and month',
    // Written in the consumer's transaction with its idempotency record, so each TimeLogged counts once.
    sql: `
      CREATE TABLE remediation.customer_period_minutes (
        customer_id text NOT NULL,
        period text NOT NULL,
        minutes integer NOT NULL,
        PRIMARY KEY (customer_id, period)
      );
    `,
  },
];

const LOCK_KEY = 7_324_316; // arbitrary, fixed: the remediation schema's migration lock

export async function migrateRemediation(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query('CREATE SCHEMA IF NOT EXISTS remediation');
    await client.query(
      `CREATE TABLE IF NOT EXISTS remediation.migrations (
         version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const done = await client.query<{ version: number }>('SELECT version FROM remediation.migrations');
    const doneVersions = new Set(done.rows.map((row) => row.version));
    for (const migration of MIGRATIONS) {
      if (doneVersions.has(migration.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO remediation.migrations (version, name) VALUES ($1, $2)', [
          migration.version,
          migration.name,
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    client.release();
  }
}

import type { Pool } from 'pg';

/**
 * The notify library's schema, as ordered migrations, the way the event store keeps its own: applied under an
 * advisory lock so replicas starting together migrate once, each migration in its own transaction.
 */
const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'one-click link redemptions',
    // One row per spent token, inserted once: the primary key is what makes a link single-use across replicas
    // and restarts. Rows of expired tokens may be purged (an expired token is refused before the table is read).
    sql: `
      CREATE TABLE notify.link_redemption (
        token_id text PRIMARY KEY,
        action text NOT NULL,
        incident_id text NOT NULL,
        subject text NOT NULL,
        person text NOT NULL,
        expires_at timestamptz NOT NULL,
        redeemed_at timestamptz NOT NULL,
        redeemed_by text
      );
      CREATE INDEX link_redemption_expires ON notify.link_redemption (expires_at);
    `,
  },
];

const LOCK_KEY = 7_324_301; // arbitrary, fixed: the notify schema's migration lock

export async function migrateNotify(pool: Pool): Promise<number[]> {
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query('CREATE SCHEMA IF NOT EXISTS notify');
    await client.query(
      `CREATE TABLE IF NOT EXISTS notify.migrations (
         version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const done = await client.query<{ version: number }>('SELECT version FROM notify.migrations');
    const doneVersions = new Set(done.rows.map((row) => row.version));
    for (const migration of MIGRATIONS) {
      if (doneVersions.has(migration.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO notify.migrations (version, name) VALUES ($1, $2)', [
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
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    client.release();
  }
  return applied;
}

import type { Pool } from 'pg';
import { applySchemaMigrations, type SchemaMigration } from '@incident/platform';

/**
 * The notify library's schema, as ordered migrations, the way the event store keeps its own: applied under an
 * advisory lock so replicas starting together migrate once, each migration in its own transaction.
 */
const MIGRATIONS: readonly SchemaMigration[] = [
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
  return applySchemaMigrations(pool, { schema: 'notify', lockKey: LOCK_KEY, migrations: MIGRATIONS });
}

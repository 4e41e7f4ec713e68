import type { Pool } from 'pg';
import { applySchemaMigrations, type SchemaMigration } from '@incident/platform';

export const CONSOLE_SCHEMA = 'console';

/** The console's own schema: which sign-in links were used, and the sessions they opened. */
const MIGRATIONS: readonly SchemaMigration[] = [
  {
    version: 1,
    name: 'sign-in link redemptions and sessions',
    // A link's row is inserted once: the primary key is what makes a link single-use across replicas and
    // restarts. A session is found by the SHA-256 of its cookie, so the table never holds a usable credential.
    sql: `
      CREATE TABLE console.sign_in_redemption (
        link_id text PRIMARY KEY,
        subject text NOT NULL,
        role text NOT NULL,
        expires_at timestamptz NOT NULL,
        redeemed_at timestamptz NOT NULL
      );
      CREATE INDEX sign_in_redemption_expires ON console.sign_in_redemption (expires_at);
      CREATE TABLE console.session (
        cookie_hash text PRIMARY KEY,
        subject text NOT NULL,
        role text NOT NULL,
        customer_id text,
        csrf_token text NOT NULL,
        link_id text NOT NULL REFERENCES console.sign_in_redemption (link_id),
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX session_expires ON console.session (expires_at);
    `,
  },
];

const LOCK_KEY = 7_324_919; // arbitrary, fixed: the console schema's migration lock

export async function migrateConsole(pool: Pool): Promise<number[]> {
  return applySchemaMigrations(pool, { schema: CONSOLE_SCHEMA, lockKey: LOCK_KEY, migrations: MIGRATIONS });
}

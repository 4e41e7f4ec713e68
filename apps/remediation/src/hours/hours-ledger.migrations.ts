import type { Pool } from 'pg';
import { applySchemaMigrations, type SchemaMigration } from '@incident/platform';

/**
 * Remediation's own schema, as ordered migrations applied under an advisory lock (replicas starting together
 * migrate once), each in its own transaction, as libs/notify keeps its schema.
 */
const MIGRATIONS: readonly SchemaMigration[] = [
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
  await applySchemaMigrations(pool, { schema: 'remediation', lockKey: LOCK_KEY, migrations: MIGRATIONS });
}

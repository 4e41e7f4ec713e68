import type { Pool } from 'pg';
import { applySchemaMigrations, type SchemaMigration } from '@incident/platform';

/**
 * The review service's own schema, as ordered migrations applied under an advisory lock (replicas starting
 * together migrate once), each in its own transaction, as remediation and libs/notify keep theirs.
 */
const MIGRATIONS: readonly SchemaMigration[] = [
  {
    version: 1,
    name: 'incidents opened, for recurrence links',
    // One row per IncidentOpened the review consumer saw; a redelivery inserts nothing (the primary key).
    sql: `
      CREATE TABLE review.opened_incident (
        incident_id uuid PRIMARY KEY,
        service text NOT NULL,
        dedup_key text NOT NULL,
        drill boolean NOT NULL,
        opened_at timestamptz NOT NULL
      );
      CREATE INDEX opened_incident_service ON review.opened_incident (service, opened_at);
      CREATE INDEX opened_incident_dedup_key ON review.opened_incident (dedup_key, opened_at);
    `,
  },
];

const LOCK_KEY = 7_324_417; // arbitrary, fixed: the review schema's migration lock

export async function migrateReview(pool: Pool): Promise<void> {
  await applySchemaMigrations(pool, { schema: 'review', lockKey: LOCK_KEY, migrations: MIGRATIONS });
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13's read side: incident_summary gains assignment, review, customer-update, disposition, link and triage
 * provenance columns; new tables triage_decisions and customer_hours (with its incident lookup). Rows projected
 * before the new columns existed cannot be patched in place (re-applying events to them would count twice), so
 * incident_summary is emptied and its checkpoint reset: the running projection rebuilds it from the log.
 */
export class Issue13ReadSide1796256000000 implements MigrationInterface {
  readonly name = 'Issue13ReadSide1796256000000';

  async up(runner: QueryRunner): Promise<void> {
    const statements = [
      `ALTER TABLE read_models.incident_summary
        ADD COLUMN assignee_kind text,
        ADD COLUMN assigned_at timestamptz,
        ADD COLUMN review_required boolean,
        ADD COLUMN disposition text,
        ADD COLUMN disposition_reason text,
        ADD COLUMN last_customer_update_at timestamptz,
        ADD COLUMN next_customer_update_due timestamptz,
        ADD COLUMN links jsonb NOT NULL DEFAULT '[]'::jsonb,
        ADD COLUMN rule_id text,
        ADD COLUMN rule_set_version integer`,
      `TRUNCATE read_models.incident_summary`,
      `UPDATE read_models.projection_checkpoint
        SET checkpoint = NULL, position = NULL, events_processed = 0, updated_at = now(), rebuilt_at = now()
        WHERE name = 'incident_summary'`,
      `CREATE INDEX incident_summary_assignee_idx ON read_models.incident_summary (assignee, opened_at DESC)`,
      `CREATE INDEX incident_summary_category_idx ON read_models.incident_summary (category, opened_at DESC)`,
      `CREATE INDEX incident_summary_customer_update_due_idx ON read_models.incident_summary (next_customer_update_due)
        WHERE next_customer_update_due IS NOT NULL`,
      `CREATE TABLE read_models.triage_decisions (
        incident_id text NOT NULL,
        stream_revision integer NOT NULL,
        decision text NOT NULL,
        decided_at timestamptz NOT NULL,
        decided_by_kind text NOT NULL,
        decided_by text NOT NULL,
        rule_set_version integer,
        rule_id text NOT NULL,
        reasons jsonb NOT NULL,
        category text NOT NULL,
        severity text NOT NULL,
        team text NOT NULL,
        PRIMARY KEY (incident_id, stream_revision)
      )`,
      `CREATE INDEX triage_decisions_rule_idx ON read_models.triage_decisions (rule_id, decided_at)`,
      `CREATE TABLE read_models.customer_hours (
        customer_id text NOT NULL,
        period text NOT NULL,
        budget_minutes integer,
        used_minutes integer NOT NULL,
        corrective_minutes integer NOT NULL,
        preventive_minutes integer NOT NULL,
        investigation_minutes integer NOT NULL,
        overrun_minutes integer NOT NULL,
        exceeded_at timestamptz,
        entries integer NOT NULL,
        last_logged_at timestamptz NOT NULL,
        PRIMARY KEY (customer_id, period)
      )`,
      `CREATE INDEX customer_hours_period_idx ON read_models.customer_hours (period)`,
      `CREATE TABLE read_models.customer_hours_incident (
        incident_id text PRIMARY KEY,
        customer_id text NOT NULL,
        drill boolean NOT NULL
      )`,
    ];
    for (const statement of statements) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['customer_hours_incident', 'customer_hours', 'triage_decisions']) {
      await runner.query(`DROP TABLE read_models.${table}`);
    }
    for (const index of ['customer_update_due', 'category', 'assignee']) {
      await runner.query(`DROP INDEX read_models.incident_summary_${index}_idx`);
    }
    await runner.query(`ALTER TABLE read_models.incident_summary
      DROP COLUMN assignee_kind, DROP COLUMN assigned_at, DROP COLUMN review_required, DROP COLUMN disposition,
      DROP COLUMN disposition_reason, DROP COLUMN last_customer_update_at, DROP COLUMN next_customer_update_due,
      DROP COLUMN links, DROP COLUMN rule_id, DROP COLUMN rule_set_version`);
  }
}

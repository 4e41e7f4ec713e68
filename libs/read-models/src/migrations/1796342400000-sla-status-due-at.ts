import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15: each running SLA clock's due time (from SlaClockStarted), for the at-risk list. The table is emptied
 * and its checkpoint reset, so the running projection rebuilds it from the log with the due times filled in.
 */
export class SlaStatusDueAt1796342400000 implements MigrationInterface {
  readonly name = 'SlaStatusDueAt1796342400000';

  async up(runner: QueryRunner): Promise<void> {
    const statements = [
      `ALTER TABLE read_models.sla_status ADD COLUMN due_at timestamptz`,
      `TRUNCATE read_models.sla_status`,
      `UPDATE read_models.projection_checkpoint
        SET checkpoint = NULL, position = NULL, events_processed = 0, updated_at = now(), rebuilt_at = now()
        WHERE name = 'sla_status'`,
      `CREATE INDEX sla_status_running_due_idx ON read_models.sla_status (due_at) WHERE state = 'running'`,
    ];
    for (const statement of statements) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX read_models.sla_status_running_due_idx`);
    await runner.query(`ALTER TABLE read_models.sla_status DROP COLUMN due_at`);
  }
}

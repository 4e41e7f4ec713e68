import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 21: read_models.recent_changes, filled by the recent_changes projection from the change streams. */
export class RecentChanges1796430021000 implements MigrationInterface {
  readonly name = 'RecentChanges1796430021000';

  async up(runner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE read_models.recent_changes (
        change_id text PRIMARY KEY,
        customer_id text NOT NULL,
        service text NOT NULL,
        change_type text NOT NULL,
        summary text NOT NULL,
        source text NOT NULL,
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL,
        integration_id text NOT NULL,
        links jsonb NOT NULL DEFAULT '[]'::jsonb,
        details jsonb NOT NULL DEFAULT '{}'::jsonb,
        global_position bigint NOT NULL
      )`,
      `CREATE INDEX recent_changes_service_idx ON read_models.recent_changes (customer_id, service, occurred_at)`,
      `CREATE INDEX recent_changes_occurred_idx ON read_models.recent_changes (occurred_at)`,
    ];
    for (const statement of statements) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE read_models.recent_changes`);
  }
}

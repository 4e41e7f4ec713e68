import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17's figures: response cycles get their category and the time their review was published; the daily
 * figures are kept per team, severity and category, drills in rows of their own, with time to review (resolution
 * → review published) beside MTTA and MTTR. Both tables are emptied and the checkpoint reset, so the running
 * projection rebuilds them from the log.
 */
export class ResponseMetricsByCategory1796428800001 implements MigrationInterface {
  readonly name = 'ResponseMetricsByCategory1796428800001';

  async up(runner: QueryRunner): Promise<void> {
    const statements = [
      `TRUNCATE read_models.response_cycle, read_models.daily_response_metrics`,
      `ALTER TABLE read_models.response_cycle ADD COLUMN category text, ADD COLUMN reviewed_at timestamptz`,
      `ALTER TABLE read_models.daily_response_metrics
        DROP CONSTRAINT daily_response_metrics_pkey,
        ADD COLUMN category text NOT NULL,
        ADD COLUMN drill boolean NOT NULL,
        ADD COLUMN reviewed integer NOT NULL,
        ADD COLUMN review_seconds_total numeric NOT NULL,
        ADD COLUMN review_seconds_max numeric,
        ADD COLUMN review_seconds_avg numeric
          GENERATED ALWAYS AS (round(review_seconds_total / NULLIF(reviewed, 0), 3)) STORED,
        ADD PRIMARY KEY (day, team, severity, category, drill)`,
      `UPDATE read_models.projection_checkpoint
        SET checkpoint = NULL, position = NULL, events_processed = 0, updated_at = now(), rebuilt_at = now()
        WHERE name = 'response_metrics'`,
      `CREATE INDEX daily_response_metrics_category_idx ON read_models.daily_response_metrics (category, day)`,
    ];
    for (const statement of statements) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    const statements = [
      `TRUNCATE read_models.response_cycle, read_models.daily_response_metrics`,
      `DROP INDEX read_models.daily_response_metrics_category_idx`,
      `ALTER TABLE read_models.daily_response_metrics
        DROP CONSTRAINT daily_response_metrics_pkey,
        DROP COLUMN review_seconds_avg, DROP COLUMN review_seconds_max, DROP COLUMN review_seconds_total,
        DROP COLUMN reviewed, DROP COLUMN drill, DROP COLUMN category,
        ADD PRIMARY KEY (day, team, severity)`,
      `ALTER TABLE read_models.response_cycle DROP COLUMN reviewed_at, DROP COLUMN category`,
      `UPDATE read_models.projection_checkpoint
        SET checkpoint = NULL, position = NULL, events_processed = 0, updated_at = now(), rebuilt_at = now()
        WHERE name = 'response_metrics'`,
    ];
    for (const statement of statements) await runner.query(statement);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17: open and overdue action items per team. Each item gets its owner's team (from the directory in force
 * when it was added), the instant it falls due, its ticket and its completion evidence. The table is emptied and
 * its checkpoint reset, so the running projection rebuilds it from the log with the new columns filled in.
 */
export class ActionItemOwnerTeam1796428800000 implements MigrationInterface {
  readonly name = 'ActionItemOwnerTeam1796428800000';

  async up(runner: QueryRunner): Promise<void> {
    const statements = [
      `TRUNCATE read_models.action_item`,
      `ALTER TABLE read_models.action_item
        ADD COLUMN owner_team text,
        ADD COLUMN due_at timestamptz NOT NULL,
        ADD COLUMN ticket_url text,
        ADD COLUMN evidence text`,
      `UPDATE read_models.projection_checkpoint
        SET checkpoint = NULL, position = NULL, events_processed = 0, updated_at = now(), rebuilt_at = now()
        WHERE name = 'action_item'`,
      `CREATE INDEX action_item_team_open_idx ON read_models.action_item (owner_team, due_at) WHERE status = 'open'`,
    ];
    for (const statement of statements) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX read_models.action_item_team_open_idx`);
    for (const column of ['owner_team', 'due_at', 'ticket_url', 'evidence']) {
      await runner.query(`ALTER TABLE read_models.action_item DROP COLUMN ${column}`);
    }
  }
}

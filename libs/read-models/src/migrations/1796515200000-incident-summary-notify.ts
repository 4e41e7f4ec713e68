import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 19: every committed change of an incident_summary row is announced on the channel
 * `incident_summary_changed` (payload: the incident id), for live lists such as the console's. NOTIFY is
 * transactional: a listener hears of a row only once the projection's batch (rows and checkpoint) has committed,
 * so reading the row on the notification finds it, and a rolled-back batch announces nothing. Announcing costs
 * the projection one pg_notify per changed row; nothing is queued for a channel nobody listens to.
 */
export class IncidentSummaryNotify1796515200000 implements MigrationInterface {
  readonly name = 'IncidentSummaryNotify1796515200000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE FUNCTION read_models.announce_incident_summary() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('incident_summary_changed', NEW.incident_id::text);
        RETURN NULL;
      END $$`);
    await runner.query(`
      CREATE TRIGGER incident_summary_announce AFTER INSERT OR UPDATE ON read_models.incident_summary
      FOR EACH ROW EXECUTE FUNCTION read_models.announce_incident_summary()`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TRIGGER incident_summary_announce ON read_models.incident_summary`);
    await runner.query(`DROP FUNCTION read_models.announce_incident_summary()`);
  }
}

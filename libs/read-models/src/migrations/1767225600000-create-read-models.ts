import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first schema of the read models. Dashboards depend on these names (docs/read-models.md): change them only
 * with a new migration, never by editing this one, and never with TypeORM's `synchronize`.
 */
export class CreateReadModels1767225600000 implements MigrationInterface {
  readonly name = 'CreateReadModels1767225600000';

  async up(runner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE SCHEMA IF NOT EXISTS read_models`,
      `CREATE TABLE read_models.projection_checkpoint (
        name text PRIMARY KEY,
        checkpoint text,
        position bigint,
        events_processed bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        rebuilt_at timestamptz
      )`,
      `CREATE TABLE read_models.incident_summary (
        incident_id text PRIMARY KEY,
        status text NOT NULL,
        severity text,
        category text,
        team text,
        customer_id text NOT NULL,
        service text NOT NULL,
        title text NOT NULL,
        source text NOT NULL,
        dedup_key text NOT NULL,
        alert_count integer NOT NULL,
        reopen_count integer NOT NULL,
        page_count integer NOT NULL,
        escalation_level integer NOT NULL,
        assignee text,
        drill boolean NOT NULL,
        sla_breached boolean NOT NULL,
        logged_minutes integer NOT NULL,
        opened_at timestamptz NOT NULL,
        triaged_at timestamptz,
        acknowledged_at timestamptz,
        mitigated_at timestamptz,
        resolved_at timestamptz,
        closed_at timestamptz,
        reopened_at timestamptz,
        last_event_at timestamptz NOT NULL,
        last_revision integer NOT NULL
      )`,
      `CREATE INDEX incident_summary_opened_idx ON read_models.incident_summary (opened_at DESC, incident_id DESC)`,
      `CREATE INDEX incident_summary_status_severity_idx ON read_models.incident_summary (status, severity)`,
      `CREATE INDEX incident_summary_team_idx ON read_models.incident_summary (team, opened_at DESC)`,
      `CREATE INDEX incident_summary_customer_idx ON read_models.incident_summary (customer_id, opened_at DESC)`,
      `CREATE INDEX incident_summary_service_idx ON read_models.incident_summary (service, opened_at DESC)`,
      `CREATE TABLE read_models.incident_timeline (
        incident_id text NOT NULL,
        stream_revision integer NOT NULL,
        event_id uuid NOT NULL UNIQUE,
        event_type text NOT NULL,
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL,
        actor_kind text NOT NULL,
        actor_id text NOT NULL,
        summary text NOT NULL,
        global_position bigint NOT NULL,
        details jsonb NOT NULL,
        PRIMARY KEY (incident_id, stream_revision)
      )`,
      `CREATE INDEX incident_timeline_occurred_idx ON read_models.incident_timeline (occurred_at)`,
      `CREATE TABLE read_models.sla_status (
        incident_id text NOT NULL,
        cycle integer NOT NULL,
        sla text NOT NULL,
        state text NOT NULL,
        team text,
        severity text,
        drill boolean NOT NULL,
        started_at timestamptz NOT NULL,
        achieved_at timestamptz,
        breached_at timestamptz,
        target_minutes integer,
        stopped_at timestamptz,
        PRIMARY KEY (incident_id, cycle, sla)
      )`,
      `CREATE INDEX sla_status_breached_idx ON read_models.sla_status (breached_at) WHERE breached_at IS NOT NULL`,
      `CREATE INDEX sla_status_running_idx ON read_models.sla_status (started_at) WHERE state = 'running'`,
      `CREATE TABLE read_models.action_item (
        incident_id text NOT NULL,
        action_item_id text NOT NULL,
        kind text NOT NULL,
        title text NOT NULL,
        owner text NOT NULL,
        due_date date NOT NULL,
        status text NOT NULL,
        added_at timestamptz NOT NULL,
        completed_at timestamptz,
        completed_by text,
        PRIMARY KEY (incident_id, action_item_id)
      )`,
      `CREATE INDEX action_item_open_due_idx ON read_models.action_item (due_date) WHERE status = 'open'`,
      `CREATE INDEX action_item_owner_idx ON read_models.action_item (owner, status)`,
      `CREATE TABLE read_models.oncall_page (
        incident_id text NOT NULL,
        page_id text NOT NULL,
        responder_id text NOT NULL,
        channel text NOT NULL,
        escalation_level integer NOT NULL,
        paged_at timestamptz NOT NULL,
        outcome text NOT NULL,
        answered_at timestamptz,
        answered_by text,
        ended_at timestamptz,
        PRIMARY KEY (incident_id, page_id)
      )`,
      `CREATE INDEX oncall_page_responder_idx ON read_models.oncall_page (responder_id, paged_at)`,
      `CREATE TABLE read_models.response_cycle (
        incident_id text NOT NULL,
        cycle integer NOT NULL,
        day date NOT NULL,
        team text,
        severity text,
        drill boolean NOT NULL,
        opened_at timestamptz NOT NULL,
        acknowledged_at timestamptz,
        mitigated_at timestamptz,
        resolved_at timestamptz,
        acknowledgement_breached boolean NOT NULL,
        mitigation_breached boolean NOT NULL,
        resolution_breached boolean NOT NULL,
        PRIMARY KEY (incident_id, cycle)
      )`,
      `CREATE INDEX response_cycle_day_idx ON read_models.response_cycle (day)`,
      `CREATE TABLE read_models.daily_response_metrics (
        day date NOT NULL,
        team text NOT NULL,
        severity text NOT NULL,
        incidents integer NOT NULL,
        acknowledged integer NOT NULL,
        mtta_seconds_total numeric NOT NULL,
        mtta_seconds_max numeric,
        mtta_seconds_avg numeric GENERATED ALWAYS AS (round(mtta_seconds_total / NULLIF(acknowledged, 0), 3)) STORED,
        resolved integer NOT NULL,
        mttr_seconds_total numeric NOT NULL,
        mttr_seconds_max numeric,
        mttr_seconds_avg numeric GENERATED ALWAYS AS (round(mttr_seconds_total / NULLIF(resolved, 0), 3)) STORED,
        breached_incidents integer NOT NULL,
        acknowledgement_breaches integer NOT NULL,
        mitigation_breaches integer NOT NULL,
        resolution_breaches integer NOT NULL,
        PRIMARY KEY (day, team, severity)
      )`,
      `CREATE INDEX daily_response_metrics_team_idx ON read_models.daily_response_metrics (team, day)`,
    ];
    for (const statement of statements) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    // The schema stays: TypeORM's own migrations table lives in it.
    const tables = ['daily_response_metrics', 'response_cycle', 'oncall_page', 'action_item', 'sla_status'];
    tables.push('incident_timeline', 'incident_summary', 'projection_checkpoint');
    for (const table of tables) await runner.query(`DROP TABLE read_models.${table}`);
  }
}

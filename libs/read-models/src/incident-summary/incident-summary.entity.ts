import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { IncidentCategory, IncidentStatus, Severity } from '@incident/domain';
import { READ_MODEL_SCHEMA } from '../schema/read-model-schema';

/**
 * One row per incident: where it stands now. Timestamps of acknowledgement, mitigation and resolution are those
 * of the current response cycle (a reopen clears them, as the domain does); `openedAt` stays the first opening.
 * Columns and indexes are documented in docs/read-models.md and created by migrations only.
 */
@Entity({ name: 'incident_summary', schema: READ_MODEL_SCHEMA })
export class IncidentSummary {
  @PrimaryColumn({ name: 'incident_id', type: 'text' })
  incidentId!: string;

  @Column({ type: 'text' })
  status!: Exclude<IncidentStatus, 'initial'>;

  @Column({ type: 'text', nullable: true })
  severity!: Severity | null;

  @Column({ type: 'text', nullable: true })
  category!: IncidentCategory | null;

  @Column({ type: 'text', nullable: true })
  team!: string | null;

  @Column({ name: 'customer_id', type: 'text' })
  customerId!: string;

  @Column({ type: 'text' })
  service!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  source!: string;

  @Column({ name: 'dedup_key', type: 'text' })
  dedupKey!: string;

  @Column({ name: 'alert_count', type: 'integer' })
  alertCount!: number;

  @Column({ name: 'reopen_count', type: 'integer' })
  reopenCount!: number;

  @Column({ name: 'page_count', type: 'integer' })
  pageCount!: number;

  @Column({ name: 'escalation_level', type: 'integer' })
  escalationLevel!: number;

  @Column({ type: 'text', nullable: true })
  assignee!: string | null;

  @Column({ type: 'boolean' })
  drill!: boolean;

  @Column({ name: 'sla_breached', type: 'boolean' })
  slaBreached!: boolean;

  @Column({ name: 'logged_minutes', type: 'integer' })
  loggedMinutes!: number;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  @Column({ name: 'triaged_at', type: 'timestamptz', nullable: true })
  triagedAt!: Date | null;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ name: 'mitigated_at', type: 'timestamptz', nullable: true })
  mitigatedAt!: Date | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ name: 'reopened_at', type: 'timestamptz', nullable: true })
  reopenedAt!: Date | null;

  @Column({ name: 'last_event_at', type: 'timestamptz' })
  lastEventAt!: Date;

  @Column({ name: 'last_revision', type: 'integer' })
  lastRevision!: number;
}

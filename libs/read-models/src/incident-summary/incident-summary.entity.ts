import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AssigneeKind, IncidentCategory, IncidentLinkRelation, IncidentStatus, Severity } from '@incident/domain';
import { READ_MODEL_SCHEMA } from '../schema/read-model-schema';

/** How the incident ended without a fix: triage or a responder decided so, with a reason. */
export const DISPOSITIONS = ['no_action', 'returned_to_customer'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/** Another incident this one is linked to (IncidentLinked): this one recurs it, or duplicates it. */
export interface IncidentLink {
  readonly incidentId: string;
  readonly relation: IncidentLinkRelation;
}

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

  /** The person who acknowledged or took over, or the team it was handed to (see assigneeKind); null: nobody. */
  @Column({ type: 'text', nullable: true })
  assignee!: string | null;

  @Column({ name: 'assignee_kind', type: 'text', nullable: true })
  assigneeKind!: AssigneeKind | null;

  /** When the current assignee got the incident (acknowledgement or reassignment). */
  @Column({ name: 'assigned_at', type: 'timestamptz', nullable: true })
  assignedAt!: Date | null;

  @Column({ type: 'boolean' })
  drill!: boolean;

  @Column({ name: 'sla_breached', type: 'boolean' })
  slaBreached!: boolean;

  @Column({ name: 'logged_minutes', type: 'integer' })
  loggedMinutes!: number;

  /** Null until resolved; then whether a review must precede closing (false once waived). */
  @Column({ name: 'review_required', type: 'boolean', nullable: true })
  reviewRequired!: boolean | null;

  @Column({ type: 'text', nullable: true })
  disposition!: Disposition | null;

  @Column({ name: 'disposition_reason', type: 'text', nullable: true })
  dispositionReason!: string | null;

  /** The last CustomerNotified, or status update with the customer as audience. */
  @Column({ name: 'last_customer_update_at', type: 'timestamptz', nullable: true })
  lastCustomerUpdateAt!: Date | null;

  /** As promised in the notification, else the last update plus the directory's cadence for the severity. */
  @Column({ name: 'next_customer_update_due', type: 'timestamptz', nullable: true })
  nextCustomerUpdateDue!: Date | null;

  @Column({ type: 'jsonb' })
  links!: IncidentLink[];

  /** The triage rule that classified it last, and the version of the rule set it belonged to. */
  @Column({ name: 'rule_id', type: 'text', nullable: true })
  ruleId!: string | null;

  @Column({ name: 'rule_set_version', type: 'integer', nullable: true })
  ruleSetVersion!: number | null;

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

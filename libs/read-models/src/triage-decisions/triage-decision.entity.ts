import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Actor } from '@incident/event-store';
import type { IncidentCategory, Severity } from '@incident/domain';
import { READ_MODEL_SCHEMA } from '../schema/read-model-schema';

/** `triaged`: the first classification; `reclassified`: a later one (the status did not change). */
export type TriageDecisionKind = 'triaged' | 'reclassified';

/**
 * One row per classification of an incident (IncidentTriaged, IncidentReclassified): which rule of which rule
 * set decided, why, and what it decided. Answers "which rule decided this, and why" without replaying the stream.
 */
@Entity({ name: 'triage_decisions', schema: READ_MODEL_SCHEMA })
export class TriageDecision {
  @PrimaryColumn({ name: 'incident_id', type: 'text' })
  incidentId!: string;

  @PrimaryColumn({ name: 'stream_revision', type: 'integer' })
  streamRevision!: number;

  @Column({ type: 'text' })
  decision!: TriageDecisionKind;

  @Column({ name: 'decided_at', type: 'timestamptz' })
  decidedAt!: Date;

  /** The event's actor: the triage service, or the person who reclassified by hand. */
  @Column({ name: 'decided_by_kind', type: 'text' })
  decidedByKind!: Actor['kind'];

  @Column({ name: 'decided_by', type: 'text' })
  decidedBy!: string;

  /** Null for a person's triage, and for decisions recorded before triage kept the version. */
  @Column({ name: 'rule_set_version', type: 'integer', nullable: true })
  ruleSetVersion!: number | null;

  @Column({ name: 'rule_id', type: 'text' })
  ruleId!: string;

  /** As triage recorded them (the conditions that matched); [] for decisions recorded before it did. */
  @Column({ type: 'jsonb' })
  reasons!: unknown[];

  @Column({ type: 'text' })
  category!: IncidentCategory;

  @Column({ type: 'text' })
  severity!: Severity;

  @Column({ type: 'text' })
  team!: string;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Severity, SlaKind } from '@incident/domain';
import { READ_MODEL_SCHEMA } from '../schema/read-model-schema';

/**
 * `running`: the clock is on; `met`: its milestone came with no breach; `breached`: the escalation service
 * recorded a breach (the milestone may still come later, see achieved_at); `stopped`: the response cycle ended
 * without the milestone (no action needed, returned to the customer, resolved at the source).
 */
export const SLA_STATES = ['running', 'met', 'breached', 'stopped'] as const;
export type SlaState = (typeof SLA_STATES)[number];

/** One row per incident, response cycle (0, then one per reopen) and SLA: acknowledgement, mitigation, resolution. */
@Entity({ name: 'sla_status', schema: READ_MODEL_SCHEMA })
export class SlaStatus {
  @PrimaryColumn({ name: 'incident_id', type: 'text' })
  incidentId!: string;

  @PrimaryColumn({ type: 'integer' })
  cycle!: number;

  @PrimaryColumn({ type: 'text' })
  sla!: SlaKind;

  @Column({ type: 'text' })
  state!: SlaState;

  @Column({ type: 'text', nullable: true })
  team!: string | null;

  @Column({ type: 'text', nullable: true })
  severity!: Severity | null;

  @Column({ type: 'boolean' })
  drill!: boolean;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'achieved_at', type: 'timestamptz', nullable: true })
  achievedAt!: Date | null;

  @Column({ name: 'breached_at', type: 'timestamptz', nullable: true })
  breachedAt!: Date | null;

  @Column({ name: 'target_minutes', type: 'integer', nullable: true })
  targetMinutes!: number | null;

  @Column({ name: 'stopped_at', type: 'timestamptz', nullable: true })
  stoppedAt!: Date | null;

  /** When the running clock runs out (issue 15: SlaClockStarted); null for a clock the escalation service never started. */
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt!: Date | null;
}

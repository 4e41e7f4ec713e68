import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Severity } from '@incident/domain';
import { READ_MODEL_SCHEMA } from '../schema/read-model-schema';

/**
 * One row per response cycle (an opening, then each reopen): the raw facts the daily MTTA/MTTR figures are
 * computed from. Kept as rows rather than running totals so that a reclassification moves the cycle to its new
 * team's figures exactly, instead of leaving its time counted under the old team.
 */
@Entity({ name: 'response_cycle', schema: READ_MODEL_SCHEMA })
export class ResponseCycle {
  @PrimaryColumn({ name: 'incident_id', type: 'text' })
  incidentId!: string;

  @PrimaryColumn({ type: 'integer' })
  cycle!: number;

  /** The UTC day the cycle opened: the day its figures count towards. */
  @Column({ type: 'date' })
  day!: string;

  @Column({ type: 'text', nullable: true })
  team!: string | null;

  @Column({ type: 'text', nullable: true })
  severity!: Severity | null;

  /** Triage's category (issue 17's figures per category); null until classified. */
  @Column({ type: 'text', nullable: true })
  category!: string | null;

  @Column({ type: 'boolean' })
  drill!: boolean;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ name: 'mitigated_at', type: 'timestamptz', nullable: true })
  mitigatedAt!: Date | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  /** When the post-incident review of this cycle's resolution was published: time to review ends there. */
  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt!: Date | null;

  @Column({ name: 'acknowledgement_breached', type: 'boolean' })
  acknowledgementBreached!: boolean;

  @Column({ name: 'mitigation_breached', type: 'boolean' })
  mitigationBreached!: boolean;

  @Column({ name: 'resolution_breached', type: 'boolean' })
  resolutionBreached!: boolean;
}

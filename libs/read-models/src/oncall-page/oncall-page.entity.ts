import { Column, Entity, PrimaryColumn } from 'typeorm';
import { READ_MODEL_SCHEMA } from '../schema/read-model-schema';

/**
 * `pending`: nobody has acknowledged since; `acknowledged`: this responder acknowledged; `answered_by_other`:
 * someone else did; `escalated`: the incident went to a higher level first; `stood_down`: the response cycle
 * ended (resolved, no action, returned, closed) before anyone acknowledged.
 */
export const PAGE_OUTCOMES = ['pending', 'acknowledged', 'answered_by_other', 'escalated', 'stood_down'] as const;
export type PageOutcome = (typeof PAGE_OUTCOMES)[number];

/** One row per page sent to an on-call responder. */
@Entity({ name: 'oncall_page', schema: READ_MODEL_SCHEMA })
export class OncallPage {
  @PrimaryColumn({ name: 'incident_id', type: 'text' })
  incidentId!: string;

  @PrimaryColumn({ name: 'page_id', type: 'text' })
  pageId!: string;

  @Column({ name: 'responder_id', type: 'text' })
  responderId!: string;

  @Column({ type: 'text' })
  channel!: string;

  @Column({ name: 'escalation_level', type: 'integer' })
  escalationLevel!: number;

  @Column({ name: 'paged_at', type: 'timestamptz' })
  pagedAt!: Date;

  @Column({ type: 'text' })
  outcome!: PageOutcome;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;

  @Column({ name: 'answered_by', type: 'text', nullable: true })
  answeredBy!: string | null;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;
}

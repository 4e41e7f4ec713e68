import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { IncidentEventType } from '@incident/domain';
import { READ_MODEL_SCHEMA } from '../schema/read-model-schema';

/** One row per incident event, in stream order, with a sentence a person can read on a dashboard. */
@Entity({ name: 'incident_timeline', schema: READ_MODEL_SCHEMA })
export class IncidentTimelineEntry {
  @PrimaryColumn({ name: 'incident_id', type: 'text' })
  incidentId!: string;

  @PrimaryColumn({ name: 'stream_revision', type: 'integer' })
  streamRevision!: number;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: IncidentEventType;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  @Column({ name: 'actor_kind', type: 'text' })
  actorKind!: string;

  @Column({ name: 'actor_id', type: 'text' })
  actorId!: string;

  @Column({ type: 'text' })
  summary!: string;

  /** Decimal string: PostgreSQL bigint. */
  @Column({ name: 'global_position', type: 'bigint' })
  globalPosition!: string;

  @Column({ type: 'jsonb' })
  details!: Record<string, unknown>;
}

import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { READ_MODEL_SCHEMA } from '../schema/read-model-schema';

/**
 * One row per recorded change (issue 21: `ChangeRecorded`, from PagerDuty change events and `POST /v1/changes`),
 * for "what changed on this service before the incident": queried by customer, service and time window.
 */
@Entity({ name: 'recent_changes', schema: READ_MODEL_SCHEMA })
@Index('recent_changes_service_idx', ['customerId', 'service', 'occurredAt'])
@Index('recent_changes_occurred_idx', ['occurredAt'])
export class RecentChange {
  @PrimaryColumn({ name: 'change_id', type: 'text' })
  changeId!: string;

  @Column({ name: 'customer_id', type: 'text' })
  customerId!: string;

  @Column({ type: 'text' })
  service!: string;

  /** `deploy`, `config`, ...; `change` when the publisher named none. */
  @Column({ name: 'change_type', type: 'text' })
  changeType!: string;

  @Column({ type: 'text' })
  summary!: string;

  @Column({ type: 'text' })
  source!: string;

  /** When the change happened, as the publisher said (else when it arrived). */
  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  @Column({ name: 'integration_id', type: 'text' })
  integrationId!: string;

  /** `[{ href, text }]`. */
  @Column({ type: 'jsonb' })
  links!: { href: string; text: string | null }[];

  /** The publisher's custom details, as sent. */
  @Column({ type: 'jsonb' })
  details!: Record<string, unknown>;

  /** Decimal string: positions are 64-bit. */
  @Column({ name: 'global_position', type: 'bigint' })
  globalPosition!: string;
}

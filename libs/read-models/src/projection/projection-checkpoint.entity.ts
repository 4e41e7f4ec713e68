import { Column, Entity, PrimaryColumn } from 'typeorm';
import { READ_MODEL_SCHEMA } from '../schema/read-model-schema';

/**
 * How far each projection has read the event store's global log. Written in the same transaction as the
 * projection's rows, so the two can never disagree.
 */
@Entity({ name: 'projection_checkpoint', schema: READ_MODEL_SCHEMA })
export class ProjectionCheckpoint {
  @PrimaryColumn({ type: 'text' })
  name!: string;

  /** The store's opaque checkpoint of the last event read ("xid:position" for PostgreSQL); null: nothing yet. */
  @Column({ type: 'text', nullable: true })
  checkpoint!: string | null;

  /** The global position of that event (decimal string), for people; the checkpoint is what resumes. */
  @Column({ type: 'bigint', nullable: true })
  position!: string | null;

  /** Events read since the last rebuild, handled or not. */
  @Column({ name: 'events_processed', type: 'bigint' })
  eventsProcessed!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'rebuilt_at', type: 'timestamptz', nullable: true })
  rebuiltAt!: Date | null;
}

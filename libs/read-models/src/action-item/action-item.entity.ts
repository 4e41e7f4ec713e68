import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ActionItemKind } from '@incident/domain';
import { READ_MODEL_SCHEMA } from '../schema/read-model-schema';

/** A preventive or long-term action from a post-incident review; it outlives the incident it came from. */
@Entity({ name: 'action_item', schema: READ_MODEL_SCHEMA })
export class ActionItem {
  @PrimaryColumn({ name: 'incident_id', type: 'text' })
  incidentId!: string;

  @PrimaryColumn({ name: 'action_item_id', type: 'text' })
  actionItemId!: string;

  @Column({ type: 'text' })
  kind!: ActionItemKind;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  owner!: string;

  /** The team the owner answered to when the item was added (the directory then in force); null: in no team. */
  @Column({ name: 'owner_team', type: 'text', nullable: true })
  ownerTeam!: string | null;

  /** `YYYY-MM-DD`: PostgreSQL `date`, which TypeORM reads back as that string. */
  @Column({ name: 'due_date', type: 'date' })
  dueDate!: string;

  /** When it falls due (domain's actionItemDueAt: a bare day falls due as it ends); past it, an open item is overdue. */
  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ name: 'ticket_url', type: 'text', nullable: true })
  ticketUrl!: string | null;

  @Column({ type: 'text' })
  status!: 'open' | 'completed';

  @Column({ name: 'added_at', type: 'timestamptz' })
  addedAt!: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @Column({ name: 'completed_by', type: 'text', nullable: true })
  completedBy!: string | null;

  @Column({ type: 'text', nullable: true })
  evidence!: string | null;
}

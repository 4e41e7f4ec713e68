import { ApiProperty } from '@nestjs/swagger';
import type { IncidentSummary } from '@incident/read-models';

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export class IncidentLinkView {
  @ApiProperty({ description: 'The other incident.' }) incidentId!: string;
  @ApiProperty({ enum: ['recurrence_of', 'duplicate_of'] }) relation!: string;
}

/** One incident as GET /v1/incidents and /v1/incidents/:id return it (columns of read_models.incident_summary). */
export class IncidentView {
  @ApiProperty() incidentId!: string;
  @ApiProperty({ example: 'acknowledged' }) status!: string;
  @ApiProperty({ type: String, nullable: true, example: 'urgent' }) severity!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'availability.downtime' }) category!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'infrastructure' }) team!: string | null;
  @ApiProperty() customerId!: string;
  @ApiProperty() service!: string;
  @ApiProperty() title!: string;
  @ApiProperty() source!: string;
  @ApiProperty() dedupKey!: string;
  @ApiProperty() alertCount!: number;
  @ApiProperty() reopenCount!: number;
  @ApiProperty() pageCount!: number;
  @ApiProperty({ description: 'Current on-call level; 1 is the first.' }) escalationLevel!: number;
  @ApiProperty({ type: String, nullable: true, description: 'A person, or the team it was handed to (assigneeKind).' })
  assignee!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['person', 'team'] }) assigneeKind!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) assignedAt!: string | null;
  @ApiProperty() drill!: boolean;
  @ApiProperty({ description: 'An SLA was breached in the current response cycle.' }) slaBreached!: boolean;
  @ApiProperty() loggedMinutes!: number;
  @ApiProperty({ type: Boolean, nullable: true, description: 'Null until resolved; false once waived.' })
  reviewRequired!: boolean | null;
  @ApiProperty({ type: String, nullable: true, enum: ['no_action', 'returned_to_customer'] })
  disposition!: string | null;
  @ApiProperty({ type: String, nullable: true }) dispositionReason!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastCustomerUpdateAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) nextCustomerUpdateDue!: string | null;
  @ApiProperty({ type: [IncidentLinkView] }) links!: IncidentLinkView[];
  @ApiProperty({ type: String, nullable: true, description: 'The triage rule that classified it last.' })
  ruleId!: string | null;
  @ApiProperty({ type: Number, nullable: true }) ruleSetVersion!: number | null;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) triagedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) acknowledgedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) mitigatedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) resolvedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) reopenedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) lastEventAt!: string;
  @ApiProperty({ description: 'Stream revision of the last event reflected in this row.' }) lastRevision!: number;

  static of(row: IncidentSummary): IncidentView {
    return {
      ...row,
      openedAt: row.openedAt.toISOString(),
      triagedAt: iso(row.triagedAt),
      acknowledgedAt: iso(row.acknowledgedAt),
      mitigatedAt: iso(row.mitigatedAt),
      resolvedAt: iso(row.resolvedAt),
      closedAt: iso(row.closedAt),
      reopenedAt: iso(row.reopenedAt),
      assignedAt: iso(row.assignedAt),
      lastCustomerUpdateAt: iso(row.lastCustomerUpdateAt),
      nextCustomerUpdateDue: iso(row.nextCustomerUpdateDue),
      lastEventAt: row.lastEventAt.toISOString(),
    };
  }
}

export class IncidentPageView {
  @ApiProperty({ type: [IncidentView] }) items!: IncidentView[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last.' })
  nextCursor!: string | null;
}

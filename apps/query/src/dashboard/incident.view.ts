import { ApiProperty } from '@nestjs/swagger';
import type { IncidentSummary } from '@incident/read-models';

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

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
  @ApiProperty({ type: String, nullable: true }) assignee!: string | null;
  @ApiProperty() drill!: boolean;
  @ApiProperty({ description: 'An SLA was breached in the current response cycle.' }) slaBreached!: boolean;
  @ApiProperty() loggedMinutes!: number;
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
      lastEventAt: row.lastEventAt.toISOString(),
    };
  }
}

export class IncidentPageView {
  @ApiProperty({ type: [IncidentView] }) items!: IncidentView[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last.' })
  nextCursor!: string | null;
}

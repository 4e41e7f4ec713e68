import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { IncidentTimelineEntry } from '@incident/read-models';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class TimelineQuery {
  @ApiPropertyOptional({ description: 'First stream revision to return.', minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'fromRevision must be a whole number' })
  @Min(0, { message: 'fromRevision must be 0 or more' })
  fromRevision?: number;

  @ApiPropertyOptional({ description: 'Entries per page.', minimum: 1, maximum: 1000, default: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(1000, { message: 'limit must be at most 1000' })
  limit?: number;
}

export class TimelineEntryView {
  @ApiProperty() streamRevision!: number;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: 'IncidentAcknowledged' }) eventType!: string;
  @ApiProperty({ example: 'Acknowledged by alice' }) summary!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ example: { kind: 'user', id: 'alice' } }) actor!: { kind: string; id: string };
  @ApiProperty({ description: 'The event data as stored (upcast to the current schema).' })
  details!: Record<string, unknown>;

  static of(row: IncidentTimelineEntry): TimelineEntryView {
    return {
      streamRevision: row.streamRevision,
      eventId: row.eventId,
      eventType: row.eventType,
      summary: row.summary,
      occurredAt: row.occurredAt.toISOString(),
      recordedAt: row.recordedAt.toISOString(),
      actor: { kind: row.actorKind, id: row.actorId },
      details: row.details,
    };
  }
}

export class TimelineView {
  @ApiProperty() incidentId!: string;
  @ApiProperty({ type: [TimelineEntryView] }) entries!: TimelineEntryView[];
  @ApiProperty({ type: Number, nullable: true, description: 'fromRevision of the next page; null on the last.' })
  nextFromRevision!: number | null;
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { INCIDENT_STATUSES, SEVERITIES, type IncidentStatus, type Severity } from '@incident/domain';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { booleanWord, commaSeparated } from './query-list';

const STATUSES = INCIDENT_STATUSES.filter((status) => status !== 'initial');

/** Filters and page of GET /v1/incidents. Every field is optional; they combine with AND. */
export class ListIncidentsQuery {
  @ApiPropertyOptional({ description: 'Comma-separated statuses (any of them).', example: 'triggered,acknowledged' })
  @IsOptional()
  @Transform(commaSeparated)
  @IsIn(STATUSES, { each: true, message: `status must be a comma-separated list of ${STATUSES.join(', ')}` })
  status?: IncidentStatus[];

  @ApiPropertyOptional({ description: 'Comma-separated severities (any of them).', example: 'urgent,high' })
  @IsOptional()
  @Transform(commaSeparated)
  @IsIn(SEVERITIES, { each: true, message: `severity must be a comma-separated list of ${SEVERITIES.join(', ')}` })
  severity?: Severity[];

  @ApiPropertyOptional({ description: 'Owning team, as triage set it.', example: 'infrastructure' })
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'team must be 1 to 200 characters' })
  team?: string;

  @ApiPropertyOptional({ description: 'Customer id.', example: 'acme' })
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'customer must be 1 to 200 characters' })
  customer?: string;

  @ApiPropertyOptional({ description: 'Affected service.', example: 'checkout-api' })
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'service must be 1 to 200 characters' })
  service?: string;

  @ApiPropertyOptional({ description: 'true: drills only; false: real incidents only.', type: Boolean })
  @IsOptional()
  @Transform(booleanWord)
  @IsBoolean({ message: 'drill must be true or false' })
  drill?: boolean;

  @ApiPropertyOptional({ description: 'Opened at or after this ISO 8601 time.', example: '2026-11-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'openedFrom must be an ISO 8601 time, e.g. 2026-11-01T00:00:00Z' })
  openedFrom?: string;

  @ApiPropertyOptional({ description: 'Opened before this ISO 8601 time.', example: '2026-12-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'openedTo must be an ISO 8601 time, e.g. 2026-12-01T00:00:00Z' })
  openedTo?: string;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page; opaque.' })
  @IsOptional()
  @IsString()
  @Length(1, 500, { message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;

  @ApiPropertyOptional({ description: 'Page size.', minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(200, { message: 'limit must be at most 200' })
  limit?: number;
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  INCIDENT_CATEGORIES,
  INCIDENT_STATUSES,
  SEVERITIES,
  type IncidentCategory,
  type IncidentStatus,
  type Severity,
} from '@incident/domain';
import { DISPOSITIONS, type Disposition } from '@incident/read-models';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { booleanWord, commaSeparated } from './query-list';

const STATUSES = INCIDENT_STATUSES.filter((status) => status !== 'initial');
const DISPOSITION_WORDS = [...DISPOSITIONS, 'none'] as const;

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

  @ApiPropertyOptional({ description: 'Comma-separated categories (any of them).', example: 'availability.downtime' })
  @IsOptional()
  @Transform(commaSeparated)
  @IsIn(INCIDENT_CATEGORIES, {
    each: true,
    message: `category must be a comma-separated list of ${INCIDENT_CATEGORIES.join(', ')}`,
  })
  category?: IncidentCategory[];

  @ApiPropertyOptional({ description: 'Current assignee: a person, or the team it was handed to.', example: 'bob' })
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'assignee must be 1 to 200 characters' })
  assignee?: string;

  @ApiPropertyOptional({ description: 'true: an SLA was breached in the current response cycle.', type: Boolean })
  @IsOptional()
  @Transform(booleanWord)
  @IsBoolean({ message: 'slaBreached must be true or false' })
  slaBreached?: boolean;

  @ApiPropertyOptional({
    description: 'Comma-separated dispositions (any of them); `none`: neither no action nor returned.',
    example: 'no_action,returned_to_customer',
  })
  @IsOptional()
  @Transform(commaSeparated)
  @IsIn(DISPOSITION_WORDS, {
    each: true,
    message: `disposition must be a comma-separated list of ${DISPOSITION_WORDS.join(', ')}`,
  })
  disposition?: (Disposition | 'none')[];

  @ApiPropertyOptional({ description: 'true: resolved with a review still required; false: no review needed.' })
  @IsOptional()
  @Transform(booleanWord)
  @IsBoolean({ message: 'reviewRequired must be true or false' })
  reviewRequired?: boolean;

  @ApiPropertyOptional({ description: 'true: the next customer update is past due now; false: it is not.' })
  @IsOptional()
  @Transform(booleanWord)
  @IsBoolean({ message: 'customerUpdateOverdue must be true or false' })
  customerUpdateOverdue?: boolean;

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

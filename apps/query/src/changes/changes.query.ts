import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { commaSeparated } from '../dashboard/query-list';

/** GET /v1/changes: every filter optional, combined with AND; newest first. */
export class ListChangesQuery {
  @ApiPropertyOptional({ description: 'Service id.', example: 'globex-storefront' })
  @IsOptional()
  @IsString()
  @Length(1, 255, { message: 'service must be 1 to 255 characters' })
  service?: string;

  @ApiPropertyOptional({ description: 'Customer id.', example: 'globex' })
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'customer must be 1 to 200 characters' })
  customer?: string;

  @ApiPropertyOptional({ description: 'Comma-separated change types (any of them).', example: 'deploy,config' })
  @IsOptional()
  @Transform(commaSeparated)
  @IsString({ each: true })
  @Length(1, 64, { each: true, message: 'type must be a comma-separated list of change types' })
  type?: string[];

  @ApiPropertyOptional({ description: 'Changes at or after this ISO 8601 time.', example: '2026-12-03T11:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 time, e.g. 2026-12-03T11:00:00Z' })
  from?: string;

  @ApiPropertyOptional({ description: 'Changes at or before this ISO 8601 time.', example: '2026-12-03T12:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 time, e.g. 2026-12-03T12:00:00Z' })
  to?: string;

  @ApiPropertyOptional({ description: 'Rows to return.', minimum: 1, maximum: 1000, default: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(1000, { message: 'limit must be at most 1000' })
  limit?: number;
}

/** GET /v1/incidents/:id/changes */
export class IncidentChangesQuery {
  @ApiPropertyOptional({
    description: 'How many minutes before detection to look back.',
    minimum: 1,
    maximum: 1440,
    default: 60,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'minutes must be a whole number' })
  @Min(1, { message: 'minutes must be at least 1' })
  @Max(1440, { message: 'minutes must be at most 1440' })
  minutes?: number;
}

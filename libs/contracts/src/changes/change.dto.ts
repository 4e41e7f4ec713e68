import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsISO8601, IsOptional, Matches, ValidateNested } from 'class-validator';
import { IsNonEmptyText, IsOptionalObject } from '../field-validators';
import { ChangeLinkDto } from './change-link.dto';

/** The platform's own change format (`POST /v1/changes`): a deploy, a configuration change, a flag flipped. */
export class ChangeDto {
  @IsNonEmptyText(1024)
  summary!: string;

  /** `deploy`, `config`, ...; absent: `change`. */
  @IsOptional()
  @IsNonEmptyText(64)
  @Matches(/^[a-z0-9][a-z0-9_.-]*$/i, { message: 'type must be letters, digits, dots, dashes and underscores' })
  type?: string;

  @IsOptional()
  @IsNonEmptyText(255)
  source?: string;

  /** Absent: the integration's service. */
  @IsOptional()
  @IsNonEmptyText(255)
  service?: string;

  /** Only read for an integration of every customer (`*`). */
  @IsOptional()
  @IsNonEmptyText(255)
  customer?: string;

  /** When the change happened; absent: when intake received it. */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'occurredAt must be an ISO 8601 date-time' })
  occurredAt?: string;

  @IsOptionalObject()
  details?: Record<string, unknown>;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ChangeLinkDto)
  links?: ChangeLinkDto[];
}

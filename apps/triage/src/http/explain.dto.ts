import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { INCIDENT_CATEGORIES, type IncidentCategory, SEVERITIES, type Severity } from '@incident/domain';

/** An alert as intake would open it: what the rules look at. */
export class ExplainAlertDto {
  @IsString() @IsNotEmpty() @MaxLength(200) source!: string;
  @IsString() @IsNotEmpty() @MaxLength(200) customerId!: string;
  @IsString() @IsNotEmpty() @MaxLength(200) service!: string;
  @IsOptional() @IsString() @MaxLength(1024) title?: string;
  @IsOptional() @IsIn(INCIDENT_CATEGORIES) category?: IncidentCategory;
  @IsOptional() @IsIn(SEVERITIES) severity?: Severity;
  @IsOptional() @IsObject() labels?: Record<string, string>;
  @IsOptional() @IsBoolean() drill?: boolean;
  /** The moment to decide for (maintenance windows, time rules); now when absent. */
  @IsOptional() @IsISO8601({ strict: true }) at?: string;
}

/** Either an incident (its alert as opened) or an alert; optionally a proposed rule file instead of the one in force. */
export class ExplainDto {
  @IsOptional() @IsUUID() incidentId?: string;

  @IsOptional() @ValidateNested() @Type(() => ExplainAlertDto) alert?: ExplainAlertDto;

  /** A rule file's YAML to explain against instead of the version in force (nothing is applied). */
  @IsOptional() @IsString() @MaxLength(1_000_000) rules?: string;
}

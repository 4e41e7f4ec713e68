import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { INCIDENT_CATEGORIES, type IncidentCategory } from '@incident/domain';

/** `POST /v1/integrations`: one key for one source of alerts. */
export class CreateIntegrationDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  /** What sends: alertmanager, pagerduty, generic, tickets, kafka, or any name the operator prefers. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  source!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  customerId!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  service!: string;

  @IsIn(INCIDENT_CATEGORIES)
  defaultCategory!: IncidentCategory;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Matches(/^\S+$/, { each: true, message: 'each label name must be non-empty without spaces' })
  groupBy?: string[];
}

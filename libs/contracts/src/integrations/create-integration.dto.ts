import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { AUTO_RESOLVE_POLICIES, INCIDENT_CATEGORIES, type AutoResolve, type IncidentCategory } from '@incident/domain';
import { IsNonEmptyText } from '../field-validators';

/** `POST /v1/integrations`: one key for one source of alerts. */
export class CreateIntegrationDto {
  @IsNonEmptyText(200)
  name!: string;

  /** What sends: alertmanager, pagerduty, generic, tickets, kafka, or any name the operator prefers. */
  @IsNonEmptyText(100)
  source!: string;

  @IsNonEmptyText(200)
  customerId!: string;

  @IsNonEmptyText(200)
  service!: string;

  @IsIn(INCIDENT_CATEGORIES)
  defaultCategory!: IncidentCategory;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Matches(/^\S+$/, { each: true, message: 'each label name must be non-empty without spaces' })
  groupBy?: string[];

  /** Whether the source's resolve resolves the incident; `always` (PagerDuty's behaviour) when absent. */
  @IsOptional()
  @IsIn(AUTO_RESOLVE_POLICIES)
  autoResolve?: AutoResolve;
}

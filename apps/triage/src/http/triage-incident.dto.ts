import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { INCIDENT_CATEGORIES, type IncidentCategory, SEVERITIES, type Severity } from '@incident/domain';

/** A person's triage of an incident the rules left alone, or their reclassification of the rules' decision. */
export class TriageIncidentDto {
  @IsIn(SEVERITIES)
  severity!: Severity;

  @IsIn(INCIDENT_CATEGORIES)
  category!: IncidentCategory;

  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  owningTeam!: string;

  /** Why: recorded as the classification's reason, and what the rules will respect from now on. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;

  /** The customer's pre-approved time for corrective work, in minutes, when the contract gives one. */
  @IsOptional()
  @IsInt()
  @Min(0)
  preApprovedMinutes?: number;
}

/** No action needed (a workflow under test, a misconfiguration), with the reason. */
export class MarkNoActionDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;
}

/** Back to the customer (not covered by their subscription), with the reason and an optional downgrade. */
export class ReturnToCustomerDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;

  @IsOptional()
  @IsIn(SEVERITIES)
  downgradeTo?: Severity;
}

/** A new severity for an open or settled incident, with the reason (ChangeSeverity). */
export class ChangeSeverityDto {
  @IsIn(SEVERITIES)
  severity!: Severity;

  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;
}

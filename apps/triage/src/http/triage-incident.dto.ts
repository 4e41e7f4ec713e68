import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { INCIDENT_CATEGORIES, type IncidentCategory, SEVERITIES, type Severity } from '@incident/domain';

/** A person's triage of an incident the rules left alone (or a correction of theirs). */
export class TriageIncidentDto {
  @IsIn(SEVERITIES)
  severity!: Severity;

  @IsIn(INCIDENT_CATEGORIES)
  category!: IncidentCategory;

  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  owningTeam!: string;

  /** The customer's pre-approved time for corrective work, in minutes, when the contract gives one. */
  @IsOptional()
  @IsInt()
  @Min(0)
  preApprovedMinutes?: number;
}

import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { ASSIGNEE_KINDS, type AssigneeKind } from '@incident/domain';

/** Ask for help: escalate to the next level (or the level named), saying why. */
export class EscalateIncidentDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;

  @IsOptional()
  @IsInt()
  @Min(2)
  toLevel?: number;
}

/** Hand the incident to a person (who takes over) or a team (whose on-call is paged). */
export class ReassignIncidentDto {
  @IsIn(ASSIGNEE_KINDS)
  assigneeKind!: AssigneeKind;

  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  assignee!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

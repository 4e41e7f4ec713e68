import { IsInt, IsIn, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { TIME_KINDS, type TimeKind } from '@incident/domain';

export class ApproveRemediationDto {
  /** Required of an admin deciding for the customer's contact; kept in the event for the auditor. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  onBehalfReason?: string;
}

export class RejectRemediationDto extends ApproveRemediationDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}

export class LogTimeDto {
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  minutes!: number;

  @IsIn(TIME_KINDS)
  kind!: TimeKind;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;

  /** Needed when this entry takes the customer past its pre-approved hours for the month. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  overrunReason?: string;
}

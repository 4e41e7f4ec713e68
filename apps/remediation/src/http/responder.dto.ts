import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  CONTAINMENT_ACTIONS,
  type ContainmentAction,
  MITIGATION_SOURCES,
  type MitigationSource,
  REMEDIATION_ACTIONS,
  type RemediationAction,
  STATUS_UPDATE_AUDIENCES,
  type StatusUpdateAudience,
} from '@incident/domain';

export class MitigationSourceDto implements MitigationSource {
  @IsIn(MITIGATION_SOURCES)
  kind!: MitigationSource['kind'];

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  id!: string;
}

export class MitigateDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  summary!: string;

  /** The executed remediation or the containment in place that achieved it. */
  @IsOptional()
  @ValidateNested()
  @Type(() => MitigationSourceDto)
  achievedBy?: MitigationSourceDto;
}

export class ResolveDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  summary!: string;
}

export class LiftContainmentDto {
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason?: string;
}

const STEP_ID = /^[a-z0-9][a-z0-9.-]*$/;

export class ProposeRemediationDto {
  @Matches(STEP_ID)
  @MaxLength(200)
  remediationId!: string;

  @IsIn(REMEDIATION_ACTIONS)
  action!: RemediationAction;

  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  description!: string;

  /**
   * Whether the customer must approve it first. A non-zero `monthlyCostDelta` always needs approval: the service
   * sends the request to the customer's approving contact, and the person records the execution once approved.
   */
  @IsBoolean()
  requiresApproval!: boolean;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  monthlyCostDelta?: number;
}

export class ExecuteRemediationDto {
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  output?: string;
}

export class FailRemediationDto extends ExecuteRemediationDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;
}

export class ApplyContainmentDto {
  @Matches(STEP_ID)
  @MaxLength(200)
  containmentId!: string;

  @IsIn(CONTAINMENT_ACTIONS)
  action!: ContainmentAction;

  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  description!: string;
}

export class StatusUpdateDto {
  @IsIn(STATUS_UPDATE_AUDIENCES)
  audience!: StatusUpdateAudience;

  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  message!: string;
}

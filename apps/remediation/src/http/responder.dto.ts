import { Type } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { MITIGATION_SOURCES, type MitigationSource } from '@incident/domain';

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

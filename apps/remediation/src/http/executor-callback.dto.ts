import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';

/** What a webhook executor that answered 202 reports later, signed with the executor secret. */
export class ExecutorCallbackDto {
  @IsUUID()
  incidentId!: string;

  @Matches(/^[a-z0-9][a-z0-9.-]*$/)
  @MaxLength(200)
  remediationId!: string;

  /** The attempt it was asked to make (the request's `attempt`). */
  @IsInt()
  @Min(1)
  attempt!: number;

  @IsIn(['executed', 'failed'])
  outcome!: 'executed' | 'failed';

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  output?: string;

  /** Required when it failed: one line, as RemediationFailed records it. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason?: string;
}

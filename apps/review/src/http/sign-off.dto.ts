import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Min } from 'class-validator';
import { SIGN_OFF_ROLES, type SignOffRole } from '@incident/domain';

export class SignOffReviewDto {
  /** `technical_lead` or `project_manager`: the role the caller signs off in. */
  @IsIn(SIGN_OFF_ROLES)
  role!: SignOffRole;

  /** The revision the signer read, when it is not sent as `If-Match`: what they approve is that one. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  revision?: number;
}

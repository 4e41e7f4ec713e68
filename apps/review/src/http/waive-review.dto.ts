import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, Min } from 'class-validator';

export class WaiveReviewDto {
  /** Why this incident needs no review after all: it goes into ReviewWaived and the closing note. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;

  /** The revision the caller read, when it is not sent as `If-Match`: the review waived is that one. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  revision?: number;
}

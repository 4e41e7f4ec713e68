import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, Min } from 'class-validator';

export class PublishReviewDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  summary!: string;

  /** The revision the publisher read, when it is not sent as `If-Match`: the review published is that one. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  revision?: number;
}

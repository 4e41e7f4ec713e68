import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { booleanWord } from '../dashboard/query-list';

/** A calendar month, as the domain records periods. */
const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

/** GET /v1/customers/:id/hours */
export class CustomerHoursQuery {
  @ApiPropertyOptional({ description: 'Calendar month, YYYY-MM (default: the current UTC month).', example: '2026-11' })
  @IsOptional()
  @Matches(PERIOD, { message: 'period must be a month, YYYY-MM' })
  period?: string;
}

/** GET /v1/customer-hours: every customer's months (a customer token: its own), newest first. */
export class ListCustomerHoursQuery {
  @ApiPropertyOptional({ description: 'Customer id.', example: 'acme' })
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'customer must be 1 to 200 characters' })
  customer?: string;

  @ApiPropertyOptional({ description: 'First month, inclusive, YYYY-MM.', example: '2026-01' })
  @IsOptional()
  @Matches(PERIOD, { message: 'from must be a month, YYYY-MM' })
  from?: string;

  @ApiPropertyOptional({ description: 'Last month, inclusive, YYYY-MM.', example: '2026-12' })
  @IsOptional()
  @Matches(PERIOD, { message: 'to must be a month, YYYY-MM' })
  to?: string;

  @ApiPropertyOptional({ description: 'true: only months over their budget; false: only those within it.' })
  @IsOptional()
  @Transform(booleanWord)
  @IsBoolean({ message: 'overrun must be true or false' })
  overrun?: boolean;

  @ApiPropertyOptional({ description: 'Rows to return.', minimum: 1, maximum: 1000, default: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(1000, { message: 'limit must be at most 1000' })
  limit?: number;
}

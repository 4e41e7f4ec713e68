import { IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** An admin's override: `person` covers the schedule (or one `layer` of it) from `from` until `until`. */
export class ScheduleOverrideDto {
  @IsString()
  @Matches(/^[a-z0-9-]+$/, { message: 'person must be a directory person id' })
  person!: string;

  @IsISO8601({ strict: true })
  @Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: 'from must carry an offset (Z or ±hh:mm)' })
  from!: string;

  @IsISO8601({ strict: true })
  @Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: 'until must carry an offset (Z or ±hh:mm)' })
  until!: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  layer?: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

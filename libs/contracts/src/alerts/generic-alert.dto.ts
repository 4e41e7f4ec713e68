import { IsIn, IsISO8601, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';

const STATUSES = ['firing', 'resolved'] as const;
export const GENERIC_SEVERITIES = ['critical', 'error', 'warning', 'info', 'urgent', 'high', 'normal', 'low'] as const;

/** The platform's own alert format (`generic-alert.json`). */
export class GenericAlertDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  source!: string;

  /** Absent: a stable hash of source and labels. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  dedupKey?: string;

  @IsIn(STATUSES)
  status!: (typeof STATUSES)[number];

  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  title!: string;

  @IsOptional()
  @IsIn(GENERIC_SEVERITIES)
  severity?: (typeof GENERIC_SEVERITIES)[number];

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  service?: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  customer?: string;

  @IsOptional()
  @IsString()
  category?: string;

  @IsOptional()
  @IsISO8601()
  occurredAt?: string;

  @IsOptional()
  @IsObject()
  labels?: Record<string, string>;

  @IsOptional()
  @IsObject()
  details?: Record<string, unknown>;
}

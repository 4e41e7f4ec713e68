import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString } from 'class-validator';
import { IsNonEmptyText, IsOptionalObject, IsOptionalText } from '../field-validators';
import { ALERT_STATUSES, type AlertStatus } from './alert-status';

export const GENERIC_SEVERITIES = ['critical', 'error', 'warning', 'info', 'urgent', 'high', 'normal', 'low'] as const;

/** The platform's own alert format (`generic-alert.json`). */
export class GenericAlertDto {
  @IsNonEmptyText(255)
  source!: string;

  /** Absent: a stable hash of source and labels. */
  @IsOptional()
  @IsNonEmptyText(255)
  dedupKey?: string;

  @IsIn(ALERT_STATUSES)
  status!: AlertStatus;

  @IsNonEmptyText(1024)
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

  @IsOptionalText()
  category?: string;

  @IsOptional()
  @IsISO8601()
  occurredAt?: string;

  @IsOptionalObject()
  labels?: Record<string, string>;

  @IsOptionalObject()
  details?: Record<string, unknown>;
}

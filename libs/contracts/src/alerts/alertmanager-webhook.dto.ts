import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsObject, ValidateNested } from 'class-validator';
import { IsNonEmptyText, IsOptionalObject, IsOptionalText } from '../field-validators';
import { ALERT_STATUSES, type AlertStatus } from './alert-status';

export class AlertmanagerAlertDto {
  @IsIn(ALERT_STATUSES)
  status!: AlertStatus;

  @IsObject()
  labels!: Record<string, string>;

  @IsOptionalObject()
  annotations?: Record<string, string>;

  @IsOptionalText()
  startsAt?: string;

  @IsOptionalText()
  endsAt?: string;

  @IsOptionalText()
  generatorURL?: string;

  /** Stable per alert (a hash of its labels): the dedup key. */
  @IsNonEmptyText(255)
  fingerprint!: string;
}

/** The Alertmanager webhook, version 4, exactly as Alertmanager posts it. */
export class AlertmanagerWebhookDto {
  @IsIn(['4'])
  version!: string;

  @IsOptionalText()
  groupKey?: string;

  @IsIn(ALERT_STATUSES)
  status!: AlertStatus;

  @IsOptionalText()
  receiver?: string;

  @IsOptionalObject()
  commonLabels?: Record<string, string>;

  @IsOptionalObject()
  commonAnnotations?: Record<string, string>;

  @IsArray()
  @ArrayMaxSize(10_000)
  @ValidateNested({ each: true })
  @Type(() => AlertmanagerAlertDto)
  alerts!: AlertmanagerAlertDto[];
}

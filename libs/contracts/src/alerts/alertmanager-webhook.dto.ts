import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';

const STATUSES = ['firing', 'resolved'] as const;

export class AlertmanagerAlertDto {
  @IsIn(STATUSES)
  status!: (typeof STATUSES)[number];

  @IsObject()
  labels!: Record<string, string>;

  @IsOptional()
  @IsObject()
  annotations?: Record<string, string>;

  @IsOptional()
  @IsString()
  startsAt?: string;

  @IsOptional()
  @IsString()
  endsAt?: string;

  @IsOptional()
  @IsString()
  generatorURL?: string;

  /** Stable per alert (a hash of its labels): the dedup key. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  fingerprint!: string;
}

/** The Alertmanager webhook, version 4, exactly as Alertmanager posts it. */
export class AlertmanagerWebhookDto {
  @IsIn(['4'])
  version!: string;

  @IsOptional()
  @IsString()
  groupKey?: string;

  @IsIn(STATUSES)
  status!: (typeof STATUSES)[number];

  @IsOptional()
  @IsString()
  receiver?: string;

  @IsOptional()
  @IsObject()
  commonLabels?: Record<string, string>;

  @IsOptional()
  @IsObject()
  commonAnnotations?: Record<string, string>;

  @IsArray()
  @ArrayMaxSize(10_000)
  @ValidateNested({ each: true })
  @Type(() => AlertmanagerAlertDto)
  alerts!: AlertmanagerAlertDto[];
}

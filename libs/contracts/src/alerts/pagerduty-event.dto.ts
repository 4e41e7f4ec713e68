import { Type } from 'class-transformer';
import {
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

export const PAGERDUTY_SEVERITIES = ['critical', 'error', 'warning', 'info'] as const;
export const PAGERDUTY_ACTIONS = ['trigger', 'acknowledge', 'resolve'] as const;

/** PagerDuty Events API v2 `payload`; required on trigger only. */
export class PagerDutyPayloadDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  summary!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  source!: string;

  @IsIn(PAGERDUTY_SEVERITIES)
  severity!: (typeof PAGERDUTY_SEVERITIES)[number];

  @IsOptional()
  @IsString()
  timestamp?: string;

  @IsOptional()
  @IsString()
  component?: string;

  @IsOptional()
  @IsString()
  group?: string;

  @IsOptional()
  @IsString()
  class?: string;

  @IsOptional()
  @IsObject()
  custom_details?: Record<string, unknown>;
}

/** A PagerDuty Events API v2 event (`POST /v2/enqueue`); unknown fields (client, links, images) are accepted. */
export class PagerDutyEventDto {
  @IsString()
  @IsNotEmpty()
  routing_key!: string;

  @IsIn(PAGERDUTY_ACTIONS)
  event_action!: (typeof PAGERDUTY_ACTIONS)[number];

  /** Optional on trigger (one is generated), required to acknowledge or resolve. */
  @ValidateIf((event: PagerDutyEventDto) => event.event_action !== 'trigger' || event.dedup_key !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  dedup_key?: string;

  @ValidateIf((event: PagerDutyEventDto) => event.event_action === 'trigger')
  @IsObject()
  @ValidateNested()
  @Type(() => PagerDutyPayloadDto)
  payload?: PagerDutyPayloadDto;
}

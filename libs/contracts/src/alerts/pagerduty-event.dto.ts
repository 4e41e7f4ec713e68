import { Type } from 'class-transformer';
import { IsIn, IsNotEmpty, IsObject, IsString, ValidateIf, ValidateNested } from 'class-validator';
import { IsNonEmptyText, IsOptionalObject, IsOptionalText } from '../field-validators';

export const PAGERDUTY_SEVERITIES = ['critical', 'error', 'warning', 'info'] as const;
export const PAGERDUTY_ACTIONS = ['trigger', 'acknowledge', 'resolve'] as const;

/** PagerDuty Events API v2 `payload`; required on trigger only. */
export class PagerDutyPayloadDto {
  @IsNonEmptyText(1024)
  summary!: string;

  @IsNonEmptyText(255)
  source!: string;

  @IsIn(PAGERDUTY_SEVERITIES)
  severity!: (typeof PAGERDUTY_SEVERITIES)[number];

  @IsOptionalText()
  timestamp?: string;

  @IsOptionalText()
  component?: string;

  @IsOptionalText()
  group?: string;

  @IsOptionalText()
  class?: string;

  @IsOptionalObject()
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
  @IsNonEmptyText(255)
  dedup_key?: string;

  @ValidateIf((event: PagerDutyEventDto) => event.event_action === 'trigger')
  @IsObject()
  @ValidateNested()
  @Type(() => PagerDutyPayloadDto)
  payload?: PagerDutyPayloadDto;
}

import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  ValidateNested,
} from 'class-validator';
import { IsNonEmptyText, IsOptionalObject } from '../field-validators';
import { ChangeLinkDto } from './change-link.dto';

/** PagerDuty Events API v2 change event `payload`: only the summary is required. */
export class PagerDutyChangePayloadDto {
  @IsNonEmptyText(1024)
  summary!: string;

  @IsOptional()
  @IsNonEmptyText(255)
  source?: string;

  /** When the change happened; absent: when intake received it. */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'timestamp must be an ISO 8601 date-time' })
  timestamp?: string;

  @IsOptionalObject()
  custom_details?: Record<string, unknown>;
}

/** A PagerDuty change event (`POST /v2/change/enqueue`); unknown top-level fields are accepted, as on /v2/enqueue. */
export class PagerDutyChangeEventDto {
  @IsString()
  @IsNotEmpty()
  routing_key!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => PagerDutyChangePayloadDto)
  payload!: PagerDutyChangePayloadDto;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ChangeLinkDto)
  links?: ChangeLinkDto[];
}

import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Roles } from '@incident/platform';
import { responseMetrics } from '@incident/read-models';
import { DataSource } from 'typeorm';
import { queryValidation } from './incidents.controller';
import { ResponseMetricsQuery, ResponseMetricsView } from './response-metrics.query';

const DAY_MS = 86_400_000;
/** A bound on one request's work: a year and a day of daily rows per team and severity. */
const MAX_DAYS = 366;

const dayOf = (time: number): string => new Date(time).toISOString().slice(0, 10);

/**
 * MTTA, MTTR and SLA figures from read_models.daily_response_metrics (drills excluded). Staff only: the figures
 * are per team and severity across every customer, so a customer token is refused (403).
 */
@ApiTags('dashboard')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No valid bearer token.' })
@ApiForbiddenResponse({ description: 'The token has none of responder, auditor, admin.' })
@Roles('responder', 'auditor')
@Controller('v1/metrics')
export class ResponseMetricsController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get('response')
  @ApiOkResponse({ type: ResponseMetricsView })
  @ApiBadRequestResponse({ description: 'A parameter is malformed, or the range is backwards or too long.' })
  async response(@Query(queryValidation) query: ResponseMetricsQuery): Promise<ResponseMetricsView> {
    const to = query.to ?? dayOf(Date.now());
    const from = query.from ?? dayOf(Date.parse(to) - 29 * DAY_MS);
    for (const [field, day] of [
      ['from', from],
      ['to', to],
    ] as const) {
      if (Number.isNaN(Date.parse(day)) || dayOf(Date.parse(day)) !== day) {
        throw new BadRequestException(`${field} is not a calendar day: ${day}`);
      }
    }
    const days = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;
    if (days < 1) throw new BadRequestException('from must not be after to');
    if (days > MAX_DAYS) throw new BadRequestException(`from and to may be at most ${MAX_DAYS} days apart`);
    const period = query.period ?? 'day';
    const figures = await responseMetrics(this.dataSource, {
      from,
      to,
      period,
      ...(query.team !== undefined && { team: query.team }),
      ...(query.severity !== undefined && { severity: query.severity }),
    });
    return { from, to, period, figures };
  }
}

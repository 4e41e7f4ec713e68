import { Controller, Get, Query } from '@nestjs/common';
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
import { metricDayRange } from './metric-day-range';
import { queryValidation } from './incidents.controller';
import { ResponseMetricsQuery, ResponseMetricsView } from './response-metrics.query';

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
    const { from, to, period } = metricDayRange(query);
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

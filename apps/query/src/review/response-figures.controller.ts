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
import { responseFiguresByCategory } from '@incident/read-models';
import { DataSource } from 'typeorm';
import { metricDayRange } from '../dashboard/metric-day-range';
import { queryValidation } from '../dashboard/incidents.controller';
import { ResponseFiguresQuery, ResponseFiguresView } from './response-figures.query';

/**
 * MTTA, MTTR and time to review (resolution → review published) per team, category and severity, from
 * read_models.daily_response_metrics. Drills are kept apart: left out unless asked for alone (`drills=only`).
 * Staff only, as the response figures.
 */
@ApiTags('dashboard')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No valid bearer token.' })
@ApiForbiddenResponse({ description: 'The token has none of responder, auditor, admin.' })
@Roles('responder', 'auditor')
@Controller('v1/metrics')
export class ResponseFiguresController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get('figures')
  @ApiOkResponse({ type: ResponseFiguresView })
  @ApiBadRequestResponse({ description: 'A parameter is malformed, or the range is backwards or too long.' })
  async figures(@Query(queryValidation) query: ResponseFiguresQuery): Promise<ResponseFiguresView> {
    const { from, to, period } = metricDayRange(query);
    const drills = query.drills ?? 'exclude';
    const figures = await responseFiguresByCategory(this.dataSource, {
      from,
      to,
      period,
      drills,
      ...(query.team !== undefined && { team: query.team }),
      ...(query.severity !== undefined && { severity: query.severity }),
      ...(query.category !== undefined && { category: query.category }),
    });
    return { from, to, period, drills, figures };
  }
}

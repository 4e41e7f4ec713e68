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
import { responseFiguresByCategory } from '@incident/read-models';
import { DataSource } from 'typeorm';
import { queryValidation } from '../dashboard/incidents.controller';
import { ResponseFiguresQuery, ResponseFiguresView } from './response-figures.query';

const DAY_MS = 86_400_000;
/** As /v1/metrics/response: a year and a day at most. */
const MAX_DAYS = 366;

const dayOf = (time: number): string => new Date(time).toISOString().slice(0, 10);

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

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
import { actionItemCounts, listActionItems } from '@incident/read-models';
import { DataSource } from 'typeorm';
import { queryValidation } from '../dashboard/incidents.controller';
import { ActionItemCountsQuery, ActionItemCountsView, ActionItemsQuery, ActionItemsView } from './action-items.query';

/**
 * Post-incident reviews' action items from read_models.action_item, by the owner's team: what is open, what is
 * overdue, what was done. Staff only: the items span every customer's incidents.
 */
@ApiTags('reviews')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No valid bearer token.' })
@ApiForbiddenResponse({ description: 'The token has none of responder, auditor, admin.' })
@Roles('responder', 'auditor')
@Controller('v1/action-items')
export class ActionItemsController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  @ApiOkResponse({ type: ActionItemsView, description: 'Soonest due first; done items latest completed first.' })
  @ApiBadRequestResponse({ description: 'A parameter is malformed.' })
  async list(@Query(queryValidation) query: ActionItemsQuery): Promise<ActionItemsView> {
    const now = new Date();
    const items = await listActionItems(
      this.dataSource,
      {
        limit: query.limit ?? 100,
        ...(query.team !== undefined && { team: query.team }),
        ...(query.owner !== undefined && { owner: query.owner }),
        ...(query.status !== undefined && { status: query.status }),
      },
      now,
    );
    return { asOf: now.toISOString(), items };
  }

  @Get('counts')
  @ApiOkResponse({ type: ActionItemCountsView, description: 'Open, overdue and done items per team.' })
  @ApiBadRequestResponse({ description: 'A parameter is malformed.' })
  async counts(@Query(queryValidation) query: ActionItemCountsQuery): Promise<ActionItemCountsView> {
    const now = new Date();
    return { asOf: now.toISOString(), teams: await actionItemCounts(this.dataSource, now, query.team) };
  }
}

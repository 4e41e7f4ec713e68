import { BadRequestException, Controller, Get, NotFoundException, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentScope, type CustomerScope, Roles } from '@incident/platform';
import { findIncident, listRecentChanges } from '@incident/read-models';
import { DataSource } from 'typeorm';
import { queryValidation } from '../dashboard/incidents.controller';
import { ChangeListView, ChangeView, IncidentChangesView } from './change.view';
import { IncidentChangesQuery, ListChangesQuery } from './changes.query';

/** The incident route's whole window, at most: more than this is a list query, not "just before". */
const INCIDENT_WINDOW_LIMIT = 500;

/**
 * Changes (deploys, configuration changes) from read_models.recent_changes (issue 21), and "changes before this
 * incident". A customer token sees its own customer's changes only; another customer's incident is 404.
 */
@ApiTags('dashboard')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No valid bearer token.' })
@ApiForbiddenResponse({ description: 'The token has none of responder, auditor, admin, customer.' })
@Roles('responder', 'auditor', 'customer')
@Controller('v1')
export class ChangesController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get('changes')
  @ApiOkResponse({ type: ChangeListView, description: 'Newest first.' })
  @ApiBadRequestResponse({ description: 'A filter is malformed; the message names it.' })
  async list(@CurrentScope() scope: CustomerScope, @Query(queryValidation) query: ListChangesQuery) {
    if (query.from !== undefined && query.to !== undefined && Date.parse(query.from) > Date.parse(query.to)) {
      throw new BadRequestException('from must not be after to');
    }
    const rows = await listRecentChanges(
      this.dataSource,
      scope,
      {
        ...(query.customer !== undefined && { customerId: query.customer }),
        ...(query.service !== undefined && { service: query.service }),
        ...(query.type !== undefined && { changeTypes: query.type.map((type) => type.toLowerCase()) }),
        ...(query.from !== undefined && { from: new Date(query.from) }),
        ...(query.to !== undefined && { to: new Date(query.to) }),
      },
      query.limit ?? 200,
    );
    return { items: rows.map(ChangeView.of) } satisfies ChangeListView;
  }

  @Get('incidents/:id/changes')
  @ApiOkResponse({ type: IncidentChangesView, description: "The incident's service, the minutes before detection." })
  @ApiBadRequestResponse({ description: 'id is not a UUID, or minutes is not 1 to 1440.' })
  @ApiNotFoundResponse({ description: "No incident with this id (or not projected yet, or another customer's)." })
  async beforeIncident(
    @CurrentScope() scope: CustomerScope,
    @Param('id', new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException('id must be a UUID') }))
    id: string,
    @Query(queryValidation) query: IncidentChangesQuery,
  ): Promise<IncidentChangesView> {
    const incident = await findIncident(this.dataSource, scope, id);
    if (!incident) throw new NotFoundException(`no incident ${id}`);
    const windowMinutes = query.minutes ?? 60;
    const detectedAt = incident.openedAt;
    const from = new Date(detectedAt.getTime() - windowMinutes * 60_000);
    const rows = await listRecentChanges(
      this.dataSource,
      scope,
      { customerId: incident.customerId, service: incident.service, from, to: detectedAt },
      INCIDENT_WINDOW_LIMIT,
    );
    return {
      incidentId: id,
      customerId: incident.customerId,
      service: incident.service,
      detectedAt: detectedAt.toISOString(),
      windowMinutes,
      from: from.toISOString(),
      items: rows.map((row) => ({
        ...ChangeView.of(row),
        minutesBeforeDetection: Math.floor((detectedAt.getTime() - row.occurredAt.getTime()) / 60_000),
      })),
    };
  }
}

import {
  BadRequestException,
  Controller,
  Get,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Query,
  ValidationPipe,
} from '@nestjs/common';
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
import { findIncident, incidentTimeline, InvalidCursor, listIncidents, triageDecisions } from '@incident/read-models';
import { DataSource } from 'typeorm';
import { IncidentPageView, IncidentView } from './incident.view';
import { ListIncidentsQuery } from './list-incidents.query';
import { TimelineEntryView, TimelineQuery, TimelineView } from './timeline.view';
import { TriageDecisionsView, TriageDecisionView } from './triage-decision.view';

export const queryValidation = new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true });
const incidentId = new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException('id must be a UUID') });

/**
 * The dashboard's view of incidents, read from the projections (eventually consistent with the store). A
 * customer token sees its own customer's incidents only; another customer's incident is answered 404.
 */
@ApiTags('dashboard')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No valid bearer token.' })
@ApiForbiddenResponse({ description: 'The token has none of responder, auditor, admin, customer.' })
@Roles('responder', 'auditor', 'customer')
@Controller('v1/incidents')
export class IncidentsController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  @ApiOkResponse({ type: IncidentPageView, description: 'Newest first; follow nextCursor for more.' })
  @ApiBadRequestResponse({ description: 'A filter is malformed; the message names it.' })
  async list(
    @CurrentScope() scope: CustomerScope,
    @Query(queryValidation) query: ListIncidentsQuery,
  ): Promise<IncidentPageView> {
    const filter = {
      ...(query.status && { statuses: query.status }),
      ...(query.severity && { severities: query.severity }),
      ...(query.team !== undefined && { team: query.team }),
      ...(query.customer !== undefined && { customerId: query.customer }),
      ...(query.service !== undefined && { service: query.service }),
      ...(query.drill !== undefined && { drill: query.drill }),
      ...(query.openedFrom && { openedFrom: new Date(query.openedFrom) }),
      ...(query.openedTo && { openedTo: new Date(query.openedTo) }),
      ...(query.category && { categories: query.category }),
      ...(query.assignee !== undefined && { assignee: query.assignee }),
      ...(query.slaBreached !== undefined && { slaBreached: query.slaBreached }),
      ...(query.disposition && { dispositions: query.disposition }),
      ...(query.reviewRequired !== undefined && { reviewRequired: query.reviewRequired }),
      ...(query.customerUpdateOverdue !== undefined && {
        customerUpdateOverdue: { overdue: query.customerUpdateOverdue, at: new Date() },
      }),
    };
    try {
      const page = await listIncidents(this.dataSource, scope, filter, {
        limit: query.limit ?? 50,
        ...(query.cursor !== undefined && { cursor: query.cursor }),
      });
      return { items: page.items.map(IncidentView.of), nextCursor: page.nextCursor };
    } catch (error) {
      if (error instanceof InvalidCursor) throw new BadRequestException(error.message);
      throw error;
    }
  }

  @Get(':id')
  @ApiOkResponse({ type: IncidentView })
  @ApiNotFoundResponse({ description: "No incident with this id (or not projected yet, or another customer's)." })
  async one(@CurrentScope() scope: CustomerScope, @Param('id', incidentId) id: string): Promise<IncidentView> {
    const row = await findIncident(this.dataSource, scope, id);
    if (!row) throw new NotFoundException(`no incident ${id}`);
    return IncidentView.of(row);
  }

  @Get(':id/timeline')
  @ApiOkResponse({ type: TimelineView })
  @ApiNotFoundResponse({ description: "No incident with this id (or not projected yet, or another customer's)." })
  async timeline(
    @CurrentScope() scope: CustomerScope,
    @Param('id', incidentId) id: string,
    @Query(queryValidation) query: TimelineQuery,
  ): Promise<TimelineView> {
    const limit = query.limit ?? 500;
    const rows = await incidentTimeline(this.dataSource, scope, id, { fromRevision: query.fromRevision ?? 0, limit });
    if (rows.length === 0 && !(await findIncident(this.dataSource, scope, id))) {
      throw new NotFoundException(`no incident ${id}`);
    }
    const last = rows.at(-1);
    return {
      incidentId: id,
      entries: rows.map(TimelineEntryView.of),
      nextFromRevision: rows.length === limit && last ? last.streamRevision + 1 : null,
    };
  }

  @Get(':id/triage-decisions')
  @ApiOkResponse({
    type: TriageDecisionsView,
    description: 'Which rule decided the classification, and why; oldest first.',
  })
  @ApiNotFoundResponse({ description: "No incident with this id (or not projected yet, or another customer's)." })
  async triageDecisions(
    @CurrentScope() scope: CustomerScope,
    @Param('id', incidentId) id: string,
  ): Promise<TriageDecisionsView> {
    const rows = await triageDecisions(this.dataSource, scope, id);
    if (rows.length === 0 && !(await findIncident(this.dataSource, scope, id))) {
      throw new NotFoundException(`no incident ${id}`);
    }
    return { incidentId: id, decisions: rows.map(TriageDecisionView.of) };
  }
}

import { BadRequestException, Controller, Get, Param, ParseUUIDPipe, Query, ValidationPipe } from '@nestjs/common';
import { Roles } from '@incident/platform';
import { StateQuery } from '@incident/contracts';
import type { AsOf } from '@incident/event-store';
import { IncidentHistoryService } from './incident-history.service';
import { toHistoryEntry } from './history-entry';

const uuid = new ParseUUIDPipe({ version: '4', exceptionFactory: () => new BadRequestException('id must be a UUID') });
const stateQuery = new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true });

/** The auditor API: read-only, from the event store, for auditors (and admins). */
@Roles('auditor')
@Controller('v1/incidents/:id')
export class AuditController {
  constructor(private readonly incidents: IncidentHistoryService) {}

  @Get('history')
  async history(@Param('id', uuid) id: string) {
    const events = await this.incidents.history(id);
    return { incidentId: id, events: events.map(toHistoryEntry) };
  }

  @Get('state')
  async state(@Param('id', uuid) id: string, @Query(stateQuery) query: StateQuery) {
    if (query.at !== undefined && query.revision !== undefined) {
      throw new BadRequestException('give either at or revision, not both');
    }
    const asOf: AsOf =
      query.at !== undefined
        ? { at: new Date(query.at) }
        : query.revision !== undefined
          ? { revision: query.revision }
          : {};
    return this.incidents.stateAsOf(id, asOf);
  }

  @Get('verify')
  verify(@Param('id', uuid) id: string) {
    return this.incidents.verify(id);
  }
}

import {
  BadRequestException,
  Controller,
  Get,
  Header,
  Param,
  ParseBoolPipe,
  ParseUUIDPipe,
  Query,
  Res,
  ValidationPipe,
} from '@nestjs/common';
import type { Response } from 'express';
import { Roles } from '@incident/platform';
import { StateQuery } from '@incident/contracts';
import type { AsOf } from '@incident/event-store';
import { AnchoredEvidenceService } from './anchored-evidence.service';
import { IncidentHistoryService } from './incident-history.service';
import { toHistoryEntry } from './history-entry';

const uuid = new ParseUUIDPipe({ version: '4', exceptionFactory: () => new BadRequestException('id must be a UUID') });
const flag = new ParseBoolPipe({
  optional: true,
  exceptionFactory: () => new BadRequestException('anchored must be true or false'),
});
const stateQuery = new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true });

/** The auditor API: read-only, from the event store, for auditors (and admins). */
@Roles('auditor')
@Controller('v1/incidents/:id')
export class AuditController {
  constructor(
    private readonly incidents: IncidentHistoryService,
    private readonly evidence: AnchoredEvidenceService,
  ) {}

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

  /** The hash chain alone; with `anchored=true`, also every signed anchor covering the incident (docs/audit.md). */
  @Get('verify')
  verify(@Param('id', uuid) id: string, @Query('anchored', flag) anchored?: boolean) {
    return anchored ? this.evidence.verify(id) : this.incidents.verify(id);
  }

  /** The evidence bundle: one canonical JSON file an auditor verifies offline (docs/verify-bundle.mjs). */
  @Get('bundle')
  @Header('Content-Type', 'application/json; charset=utf-8')
  async bundle(@Param('id', uuid) id: string, @Res({ passthrough: true }) response: Response): Promise<string> {
    const text = await this.evidence.bundle(id);
    response.setHeader('Content-Disposition', `attachment; filename="incident-${id}.bundle.json"`);
    return text;
  }
}

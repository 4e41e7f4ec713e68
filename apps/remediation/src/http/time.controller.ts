import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Inject, Param, ParseUUIDPipe, Post, ValidationPipe } from '@nestjs/common';
import { IncidentCommandHandler } from '@incident/event-store';
import { currentCorrelationId, CurrentPrincipal, type Principal, Roles } from '@incident/platform';
import { LogTimeDto } from './remediation-decision.dto';

/** A responder logs time spent on the incident (corrective, preventive, investigation) as themself. */
@Roles('responder')
@Controller('v1/incidents')
export class TimeController {
  constructor(@Inject(IncidentCommandHandler) private readonly commands: IncidentCommandHandler) {}

  @Post(':incidentId/time')
  @HttpCode(200)
  async log(
    @Param('incidentId', new ParseUUIDPipe()) incidentId: string,
    @Body(new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true })) dto: LogTimeDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    const outcome = await this.commands.execute(
      {
        type: 'LogTime',
        data: { incidentId, responderId: principal.subject, ...dto, loggedAt: new Date().toISOString() },
      },
      { actor: { kind: 'user', id: principal.subject }, correlationId: currentCorrelationId() ?? randomUUID() },
    );
    return { events: outcome.events.map((event) => event.type), duplicate: outcome.duplicate };
  }
}

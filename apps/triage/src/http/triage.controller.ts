import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Inject, Param, ParseUUIDPipe, Post, ValidationPipe } from '@nestjs/common';
import type { TriageIncident } from '@incident/domain';
import { IncidentCommandHandler } from '@incident/event-store';
import { currentCorrelationId, CurrentPrincipal, type Principal, Roles } from '@incident/platform';
import { TriageIncidentDto } from './triage-incident.dto';

/**
 * Manual triage: validate, build the command, call the handler. No rule lives here; the platform's filter turns
 * the domain's refusals into 400/404/409.
 */
@Roles('responder')
@Controller('v1/incidents')
export class TriageController {
  constructor(@Inject(IncidentCommandHandler) private readonly commands: IncidentCommandHandler) {}

  @Post(':incidentId/triage')
  @HttpCode(200)
  async triage(
    @Param('incidentId', new ParseUUIDPipe()) incidentId: string,
    @Body(new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true })) body: TriageIncidentDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ events: string[]; duplicate: boolean }> {
    const command: TriageIncident = {
      type: 'TriageIncident',
      data: {
        incidentId,
        severity: body.severity,
        category: body.category,
        owningTeam: body.owningTeam,
        ruleId: `manual:${principal.subject}`,
        ...(body.preApprovedMinutes === undefined ? {} : { preApprovedMinutes: body.preApprovedMinutes }),
        triagedAt: new Date().toISOString(),
      },
    };
    const outcome = await this.commands.execute(command, {
      actor: { kind: 'user', id: principal.subject },
      correlationId: currentCorrelationId() ?? randomUUID(),
    });
    return { events: outcome.events.map((event) => event.type), duplicate: outcome.duplicate };
  }
}

import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Inject, Param, ParseUUIDPipe, Post, ValidationPipe } from '@nestjs/common';
import type { IncidentCommand } from '@incident/domain';
import { IncidentCommandHandler } from '@incident/event-store';
import { currentCorrelationId, CurrentPrincipal, type Principal, Roles } from '@incident/platform';
import { IncidentFacts } from '../incident-facts';
import { EscalateIncidentDto, ReassignIncidentDto } from './responder-actions.dto';

const body = new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true });

/**
 * What a responder does to a page: acknowledge it, ask for help (escalate to the next level), hand the incident
 * over. Validate, build the command, call the handler; the platform's filter answers 400/404/409.
 */
@Roles('responder')
@Controller('v1/incidents')
export class ResponderController {
  constructor(
    @Inject(IncidentCommandHandler) private readonly commands: IncidentCommandHandler,
    @Inject(IncidentFacts) private readonly incidents: IncidentFacts,
  ) {}

  @Post(':incidentId/acknowledge')
  @HttpCode(200)
  async acknowledge(
    @Param('incidentId', new ParseUUIDPipe()) incidentId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ events: string[] }> {
    const acknowledgedAt = new Date().toISOString();
    return this.run(
      { type: 'AcknowledgeIncident', data: { incidentId, responderId: principal.subject, acknowledgedAt } },
      principal,
    );
  }

  @Post(':incidentId/escalate')
  @HttpCode(200)
  async escalate(
    @Param('incidentId', new ParseUUIDPipe()) incidentId: string,
    @Body(body) dto: EscalateIncidentDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ events: string[] }> {
    const incident = await this.incidents.of(incidentId);
    const current = incident.status === 'initial' ? 1 : incident.escalationLevel;
    const command: IncidentCommand = {
      type: 'EscalateIncident',
      data: {
        incidentId,
        reason: 'asked_for_help',
        toLevel: dto.toLevel ?? current + 1,
        requestedBy: principal.subject,
        note: dto.reason,
        escalatedAt: new Date().toISOString(),
      },
    };
    return this.run(command, principal);
  }

  @Post(':incidentId/reassign')
  @HttpCode(200)
  async reassign(
    @Param('incidentId', new ParseUUIDPipe()) incidentId: string,
    @Body(body) dto: ReassignIncidentDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ events: string[] }> {
    const { assigneeKind, assignee, reason } = dto;
    const reassignedAt = new Date().toISOString();
    return this.run(
      {
        type: 'ReassignIncident',
        data: { incidentId, assigneeKind, assignee, reason, reassignedBy: principal.subject, reassignedAt },
      },
      principal,
    );
  }

  private async run(command: IncidentCommand, principal: Principal): Promise<{ events: string[] }> {
    const outcome = await this.commands.execute(command, {
      actor: { kind: 'user', id: principal.subject },
      correlationId: currentCorrelationId() ?? randomUUID(),
    });
    return { events: outcome.events.map((event) => event.type) };
  }
}

import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Inject, Param, ParseUUIDPipe, Post, ValidationPipe } from '@nestjs/common';
import type { IncidentCommand } from '@incident/domain';
import { IncidentCommandHandler } from '@incident/event-store';
import { currentCorrelationId, CurrentPrincipal, type Principal, Roles } from '@incident/platform';
import { ChangeSeverityDto, MarkNoActionDto, ReturnToCustomerDto, TriageIncidentDto } from './triage-incident.dto';

const body = new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true });

/**
 * A person's triage: validate, build the command, call the handler. No rule lives here; the platform's filter turns
 * the domain's refusals into 400/404/409. A person's classification is named `manual:<who>`, which the automatic
 * triage never overrules (a redelivered IncidentOpened, a reopen).
 */
@Roles('responder')
@Controller('v1/incidents')
export class TriageController {
  constructor(@Inject(IncidentCommandHandler) private readonly commands: IncidentCommandHandler) {}

  @Post(':incidentId/triage')
  @HttpCode(200)
  triage(
    @Param('incidentId', new ParseUUIDPipe()) incidentId: string,
    @Body(body) dto: TriageIncidentDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.execute(principal, {
      type: 'TriageIncident',
      data: {
        incidentId,
        severity: dto.severity,
        category: dto.category,
        owningTeam: dto.owningTeam,
        ruleId: `manual:${principal.subject}`,
        reasons: [dto.reason],
        ...(dto.preApprovedMinutes === undefined ? {} : { preApprovedMinutes: dto.preApprovedMinutes }),
        triagedAt: new Date().toISOString(),
      },
    });
  }

  @Post(':incidentId/no-action')
  @HttpCode(200)
  noAction(
    @Param('incidentId', new ParseUUIDPipe()) incidentId: string,
    @Body(body) dto: MarkNoActionDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.execute(principal, {
      type: 'MarkIncidentNoAction',
      data: { incidentId, reason: dto.reason, decidedBy: principal.subject, markedAt: new Date().toISOString() },
    });
  }

  @Post(':incidentId/return-to-customer')
  @HttpCode(200)
  returnToCustomer(
    @Param('incidentId', new ParseUUIDPipe()) incidentId: string,
    @Body(body) dto: ReturnToCustomerDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.execute(principal, {
      type: 'ReturnIncidentToCustomer',
      data: {
        incidentId,
        reason: dto.reason,
        returnedBy: principal.subject,
        ...(dto.downgradeTo && { downgradeTo: dto.downgradeTo }),
        returnedAt: new Date().toISOString(),
      },
    });
  }

  /** Severity alone, keeping category and team: the console's "change severity" (SeverityChanged). */
  @Post(':incidentId/severity')
  @HttpCode(200)
  changeSeverity(
    @Param('incidentId', new ParseUUIDPipe()) incidentId: string,
    @Body(body) dto: ChangeSeverityDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.execute(principal, {
      type: 'ChangeSeverity',
      data: {
        incidentId,
        severity: dto.severity,
        reason: dto.reason,
        changedBy: principal.subject,
        changedAt: new Date().toISOString(),
      },
    });
  }

  private async execute(
    principal: Principal,
    command: IncidentCommand,
  ): Promise<{ events: string[]; duplicate: boolean }> {
    const outcome = await this.commands.execute(command, {
      actor: { kind: 'user', id: principal.subject },
      correlationId: currentCorrelationId() ?? randomUUID(),
    });
    return { events: outcome.events.map((event) => event.type), duplicate: outcome.duplicate };
  }
}

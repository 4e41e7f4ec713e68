import { randomUUID } from 'node:crypto';
import {
  Body,
  Controller,
  HttpCode,
  Inject,
  NotFoundException,
  Post,
  ServiceUnavailableException,
  ValidationPipe,
} from '@nestjs/common';
import type { OpenIncident } from '@incident/domain';
import { IncidentCommandHandler } from '@incident/event-store';
import { currentCorrelationId, CurrentPrincipal, type Principal, Roles } from '@incident/platform';
import { TriageRuleSetSource } from '../triage-rule-set.source';
import { StartDrillDto } from './drill.dto';

/**
 * `POST /v1/drills`: opens a mock incident from a named scenario of the rule set in force. It is a drill
 * everywhere (`drill: true` and the label `drill=true`): kept out of SLA figures, never notifying the customer.
 * It then runs through the same lifecycle as a real incident, triage first.
 */
@Roles('responder')
@Controller('v1/drills')
export class DrillsController {
  constructor(
    @Inject(IncidentCommandHandler) private readonly commands: IncidentCommandHandler,
    @Inject(TriageRuleSetSource) private readonly rules: TriageRuleSetSource,
  ) {}

  @Post()
  @HttpCode(201)
  async start(
    @Body(new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true })) dto: StartDrillDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ incidentId: string; scenario: string }> {
    const ruleSet = this.rules.current();
    if (!ruleSet) throw new ServiceUnavailableException('no triage rule set has been applied: no drill scenarios');
    const scenario = ruleSet.drillScenarios.find((s) => s.name === dto.scenario);
    if (!scenario) {
      const known = ruleSet.drillScenarios.map((s) => s.name).join(', ') || 'none';
      throw new NotFoundException(`no drill scenario ${dto.scenario} (known: ${known})`);
    }
    const incidentId = randomUUID();
    const command: OpenIncident = {
      type: 'OpenIncident',
      data: {
        incidentId,
        dedupKey: `drill:${scenario.name}:${incidentId}`,
        source: 'drill',
        customerId: scenario.customer,
        service: scenario.service,
        title: scenario.title,
        category: scenario.category,
        severity: scenario.severity,
        labels: { ...scenario.labels, drill: 'true', scenario: scenario.name, startedBy: principal.subject },
        drill: true,
        openedAt: new Date().toISOString(),
      },
    };
    await this.commands.execute(command, {
      actor: { kind: 'user', id: principal.subject },
      correlationId: currentCorrelationId() ?? randomUUID(),
    });
    return { incidentId, scenario: scenario.name };
  }
}

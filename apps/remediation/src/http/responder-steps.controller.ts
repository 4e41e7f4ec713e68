import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Inject, Param, ParseUUIDPipe, Post, ValidationPipe } from '@nestjs/common';
import type { IncidentCommand } from '@incident/domain';
import { IncidentCommandHandler } from '@incident/event-store';
import { currentCorrelationId, CurrentPrincipal, type Principal, Roles } from '@incident/platform';
import {
  ApplyContainmentDto,
  ExecuteRemediationDto,
  FailRemediationDto,
  ProposeRemediationDto,
  StatusUpdateDto,
} from './responder.dto';

const validation = new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true });
const now = () => new Date().toISOString();

/**
 * A responder's own steps, beside the runbook's: propose a remediation, record that they carried one out (or that
 * it failed), apply a containment, post a status update. The domain keeps the rules (a remediation needing
 * approval cannot be recorded executed before it is approved); the platform's filter answers 400/404/409.
 */
@Roles('responder')
@Controller('v1/incidents/:incidentId')
export class ResponderStepsController {
  constructor(@Inject(IncidentCommandHandler) private readonly commands: IncidentCommandHandler) {}

  @Post('remediations')
  @HttpCode(200)
  propose(
    @Param('incidentId', new ParseUUIDPipe()) incidentId: string,
    @Body(validation) dto: ProposeRemediationDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    // A change to the monthly bill is the customer's to approve, whatever the proposer ticked: the service then
    // sends it to the customer's approving contact, as it does a runbook step beyond the threshold.
    const requiresApproval = dto.requiresApproval || (dto.monthlyCostDelta ?? 0) !== 0;
    const data = { incidentId, ...dto, requiresApproval, proposedBy: principal.subject, proposedAt: now() };
    return this.execute(principal, { type: 'ProposeRemediation', data });
  }

  @Post('remediations/:remediationId/execute')
  @HttpCode(200)
  executed(
    @Param('incidentId', new ParseUUIDPipe()) incidentId: string,
    @Param('remediationId') remediationId: string,
    @Body(validation) dto: ExecuteRemediationDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    const data = { incidentId, remediationId, executedBy: principal.subject, ...dto, executedAt: now() };
    return this.execute(principal, { type: 'ExecuteRemediation', data });
  }

  @Post('remediations/:remediationId/fail')
  @HttpCode(200)
  failed(
    @Param('incidentId', new ParseUUIDPipe()) incidentId: string,
    @Param('remediationId') remediationId: string,
    @Body(validation) dto: FailRemediationDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.execute(principal, {
      type: 'RecordRemediationFailure',
      data: { incidentId, remediationId, ...dto, failedAt: now() },
    });
  }

  @Post('containments')
  @HttpCode(200)
  contain(
    @Param('incidentId', new ParseUUIDPipe()) incidentId: string,
    @Body(validation) dto: ApplyContainmentDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    const data = { incidentId, ...dto, appliedBy: principal.subject, appliedAt: now() };
    return this.execute(principal, { type: 'ApplyContainment', data });
  }

  @Post('status-updates')
  @HttpCode(200)
  statusUpdate(
    @Param('incidentId', new ParseUUIDPipe()) incidentId: string,
    @Body(validation) dto: StatusUpdateDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    const data = { incidentId, ...dto, postedBy: principal.subject, postedAt: now() };
    return this.execute(principal, { type: 'PostStatusUpdate', data });
  }

  private async execute(principal: Principal, command: IncidentCommand) {
    const outcome = await this.commands.execute(command, {
      actor: { kind: 'user', id: principal.subject },
      correlationId: currentCorrelationId() ?? randomUUID(),
    });
    return { events: outcome.events.map((event) => event.type), duplicate: outcome.duplicate };
  }
}

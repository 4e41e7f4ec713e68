import { randomUUID } from 'node:crypto';
import {
  Body,
  Controller,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  ValidationPipe,
} from '@nestjs/common';
import type { IncidentCommand } from '@incident/domain';
import { IncidentCommandHandler } from '@incident/event-store';
import { currentCorrelationId, CurrentPrincipal, type Principal, Roles } from '@incident/platform';
import { IncidentFacts } from '../incident-facts';
import { ApproveRemediationDto, RejectRemediationDto } from './remediation-decision.dto';

const validation = new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true });
const REMEDIATION_ID = /^[a-z0-9][a-z0-9.-]*$/;

/**
 * The customer's answer over HTTP, as the e-mail's links give it: the contact the request names decides as
 * themself (their token's subject is their e-mail); an admin may decide for them with a reason. The domain checks
 * who may decide and until when; this only keeps a customer to its own incidents (404 for another's).
 */
@Roles('customer', 'admin')
@Controller('v1/incidents/:incidentId/remediations/:remediationId')
export class RemediationApprovalsController {
  constructor(
    @Inject(IncidentCommandHandler) private readonly commands: IncidentCommandHandler,
    @Inject(IncidentFacts) private readonly incidents: IncidentFacts,
  ) {}

  @Post('approve')
  @HttpCode(200)
  async approve(
    @Param('incidentId', new ParseUUIDPipe()) incidentId: string,
    @Param('remediationId') remediationId: string,
    @Body(validation) dto: ApproveRemediationDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    const by = { id: principal.subject, roles: principal.roles };
    const data = { incidentId, remediationId, by, ...dto, approvedAt: new Date().toISOString() };
    return this.execute(principal, { type: 'ApproveRemediation', data });
  }

  @Post('reject')
  @HttpCode(200)
  async reject(
    @Param('incidentId', new ParseUUIDPipe()) incidentId: string,
    @Param('remediationId') remediationId: string,
    @Body(validation) dto: RejectRemediationDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    const by = { id: principal.subject, roles: principal.roles };
    const data = { incidentId, remediationId, by, ...dto, rejectedAt: new Date().toISOString() };
    return this.execute(principal, { type: 'RejectRemediation', data });
  }

  private async execute(principal: Principal, command: IncidentCommand & { data: { remediationId: string } }) {
    if (!REMEDIATION_ID.test(command.data.remediationId)) throw new NotFoundException('no such remediation');
    if (principal.customerId !== undefined) {
      const { state } = await this.incidents.of(command.data.incidentId);
      if (state.status === 'initial' || state.customerId !== principal.customerId) {
        throw new NotFoundException(`incident ${command.data.incidentId} not found`);
      }
    }
    const outcome = await this.commands.execute(command, {
      actor: { kind: 'user', id: principal.subject },
      correlationId: currentCorrelationId() ?? randomUUID(),
    });
    return { events: outcome.events.map((event) => event.type), duplicate: outcome.duplicate };
  }
}

import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Inject, Param, ParseUUIDPipe, Post, ValidationPipe } from '@nestjs/common';
import { DirectoryReader } from '@incident/directory';
import type { PreApprovedBudget } from '@incident/domain';
import { IncidentCommandHandler } from '@incident/event-store';
import { currentCorrelationId, CurrentPrincipal, type Principal, Roles } from '@incident/platform';
import { HoursLedger, periodOf } from '../hours/hours-ledger';
import { IncidentFacts } from '../incident-facts';
import { LogTimeDto } from './remediation-decision.dto';

/**
 * A responder logs time spent on the incident as themself. The customer's budget for the month (the directory's
 * pre-approved hours, and what all its incidents used so far) goes with the command: the domain refuses an entry
 * crossing it without an `overrunReason`, and records PreApprovedHoursExceeded with one. The answer shows the budget.
 */
@Roles('responder')
@Controller('v1/incidents')
export class TimeController {
  constructor(
    @Inject(IncidentCommandHandler) private readonly commands: IncidentCommandHandler,
    @Inject(IncidentFacts) private readonly incidents: IncidentFacts,
    @Inject(DirectoryReader) private readonly directory: DirectoryReader,
    @Inject(HoursLedger) private readonly ledger: HoursLedger,
  ) {}

  @Post(':incidentId/time')
  @HttpCode(200)
  async log(
    @Param('incidentId', new ParseUUIDPipe()) incidentId: string,
    @Body(new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true })) dto: LogTimeDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    const loggedAt = new Date().toISOString();
    const preApproved = await this.budget(incidentId, loggedAt);
    const outcome = await this.commands.execute(
      {
        type: 'LogTime',
        data: { incidentId, responderId: principal.subject, ...dto, ...(preApproved && { preApproved }), loggedAt },
      },
      { actor: { kind: 'user', id: principal.subject }, correlationId: currentCorrelationId() ?? randomUUID() },
    );
    const budget = preApproved && { ...preApproved, usedMinutes: preApproved.usedMinutes + dto.minutes };
    return { events: outcome.events.map((event) => event.type), duplicate: outcome.duplicate, budget: budget ?? null };
  }

  /** Undefined when the incident is unknown here or its customer has no directory entry: no budget to check. */
  private async budget(incidentId: string, loggedAt: string): Promise<PreApprovedBudget | undefined> {
    const { state } = await this.incidents.of(incidentId);
    if (state.status === 'initial') return undefined;
    const customer = this.directory.current()?.directory.customers.find((c) => c.id === state.customerId);
    if (customer === undefined) return undefined;
    const period = periodOf(loggedAt);
    const usedMinutes = await this.ledger.used(customer.id, period);
    return { period, budgetMinutes: customer.preApprovedHoursPerMonth * 60, usedMinutes };
  }
}

import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { IncidentCommand } from '@incident/domain';
import { IncidentCommandHandler } from '@incident/event-store';
import {
  IncidentEventPattern,
  type IncidentEventTransportContext,
  type RecordedIncidentEvent,
} from '@incident/messaging';
import { ApprovalRequests } from './execution/approval-requests';
import { RemediationRunner } from './execution/remediation-runner';
import { StepSequencer } from './execution/step-sequencer';
import { successorsOf } from './rules/step-sequence';
import { HoursLedger, periodOf } from './hours/hours-ledger';
import { IncidentFacts } from './incident-facts';
import { TriageResponse } from './execution/triage-response';
import { REMEDIATION_CONFIG, type RemediationConfig } from './remediation.config';
import { REMEDIATION_ACTOR_ID } from './rules/proposal-commands';
import { ApprovalTimers } from './timers/approval-timers';

type Recorded<T extends Parameters<typeof IncidentEventPattern>[0]> = RecordedIncidentEvent<T>;

/**
 * Remediation's reactions to incident events. Every command is caused by the event in hand (`causationId`),
 * so a redelivered record appends nothing twice; executors are called with keys that name the attempt.
 */
@Controller()
export class IncidentEventsHandler {
  constructor(
    @Inject(REMEDIATION_CONFIG) private readonly config: RemediationConfig,
    @Inject(IncidentCommandHandler) private readonly commands: IncidentCommandHandler,
    @Inject(TriageResponse) private readonly triage: TriageResponse,
    @Inject(RemediationRunner) private readonly runner: RemediationRunner,
    @Inject(ApprovalRequests) private readonly approvals: ApprovalRequests,
    @Inject(StepSequencer) private readonly sequencer: StepSequencer,
    @Inject(ApprovalTimers) private readonly timers: ApprovalTimers,
    @Inject(IncidentFacts) private readonly incidents: IncidentFacts,
    @Inject(HoursLedger) private readonly ledger: HoursLedger,
  ) {}

  @IncidentEventPattern('IncidentTriaged')
  async onTriaged(@Payload() event: Recorded<'IncidentTriaged'>): Promise<void> {
    await this.triage.respond(event);
  }

  /**
   * Within limits: run it; beyond: ask the customer's approving contact (a person's cost-changing proposal too).
   * A runbook step after another waits for it: RemediationExecuted (or a final failure with `then: next`) of
   * the step before moves it on.
   */
  @IncidentEventPattern('RemediationProposed')
  async onProposed(@Payload() event: Recorded<'RemediationProposed'>): Promise<void> {
    await this.sequencer.advance(event.data.incidentId, event.data.remediationId, this.cause(event));
  }

  @IncidentEventPattern('RemediationExecuted')
  async onExecuted(@Payload() event: Recorded<'RemediationExecuted'>): Promise<void> {
    await this.advanceAfter(event.data.incidentId, event.data.remediationId, event);
  }

  @IncidentEventPattern('RemediationApprovalRequested')
  async onApprovalRequested(@Payload() event: Recorded<'RemediationApprovalRequested'>): Promise<void> {
    const { incidentId, remediationId, requestedAt, validUntil } = event.data;
    if (validUntil === null) return; // a v1 request, from before requests expired: nothing to send or time
    await this.timers.schedule(incidentId, remediationId, requestedAt, validUntil);
    await this.approvals.send(incidentId, remediationId, validUntil, 'request');
  }

  @IncidentEventPattern('RemediationApproved')
  async onApproved(@Payload() event: Recorded<'RemediationApproved'>): Promise<void> {
    await this.runner.run(event.data.incidentId, event.data.remediationId, this.cause(event));
  }

  /** The on-call is told, in the incident's internal updates, that nothing was done and why. */
  @IncidentEventPattern('RemediationRejected')
  async onRejected(@Payload() event: Recorded<'RemediationRejected'>): Promise<void> {
    const { remediationId, rejectedBy, reason } = event.data;
    await this.tellOnCall(
      event,
      `Remediation ${remediationId} was rejected by ${rejectedBy} (${reason}); nothing was executed.`,
    );
  }

  @IncidentEventPattern('RemediationApprovalExpired')
  async onExpired(@Payload() event: Recorded<'RemediationApprovalExpired'>): Promise<void> {
    const { remediationId, validUntil } = event.data;
    await this.tellOnCall(
      event,
      `Nobody answered the approval request for ${remediationId} by ${validUntil}; nothing was executed.`,
    );
  }

  /** Retry while the step's policy allows; after the last failure, page the next level if it says so. */
  @IncidentEventPattern('RemediationFailed')
  async onFailed(@Payload() event: Recorded<'RemediationFailed'>): Promise<void> {
    const { incidentId, remediationId } = event.data;
    const next = await this.runner.afterFailure(incidentId, remediationId, this.cause(event));
    if (next === 'next') await this.advanceAfter(incidentId, remediationId, event);
  }

  private async advanceAfter(
    incidentId: string,
    remediationId: string,
    event: { id: string; metadata: { correlationId: string } },
  ): Promise<void> {
    const { history } = await this.incidents.of(incidentId);
    for (const successor of successorsOf(history, remediationId)) {
      await this.sequencer.advance(incidentId, successor, this.cause(event));
    }
  }

  /** The customer's month total, committed with the consumer's record of this event: counted once. */
  @IncidentEventPattern('TimeLogged')
  async onTimeLogged(
    @Payload() event: Recorded<'TimeLogged'>,
    @Ctx() ctx: IncidentEventTransportContext,
  ): Promise<void> {
    const { state } = await this.incidents.of(event.data.incidentId);
    if (state.status === 'initial') return;
    const period = event.data.period ?? periodOf(event.data.loggedAt);
    await this.ledger.add(ctx.tx, state.customerId, period, event.data.minutes);
  }

  private tellOnCall(event: Recorded<'RemediationRejected' | 'RemediationApprovalExpired'>, message: string) {
    const data = {
      incidentId: event.data.incidentId,
      audience: 'internal' as const,
      message,
      postedBy: REMEDIATION_ACTOR_ID,
    };
    return this.act({ type: 'PostStatusUpdate', data: { ...data, postedAt: new Date().toISOString() } }, event);
  }

  private cause(event: { id: string; metadata: { correlationId: string } }) {
    return { causationId: event.id, correlationId: event.metadata.correlationId };
  }

  private async act(command: IncidentCommand, event: { id: string; metadata: { correlationId: string } }) {
    await this.commands.execute(command, { actor: this.config.actor, ...this.cause(event) });
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { findRemediation } from '@incident/domain';
import { IncidentCommandHandler } from '@incident/event-store';
import { type FiringTimer, Scheduler } from '@incident/scheduler';
import { ApprovalRequests } from '../execution/approval-requests';
import { IncidentFacts } from '../incident-facts';
import { REMEDIATION_CONFIG, type RemediationConfig } from '../remediation.config';

export interface ApprovalTimerPayload {
  /** Absent on timers set before reminders existed: those are expiries. */
  readonly kind?: 'expiry' | 'reminder';
  readonly incidentId: string;
  readonly remediationId: string;
  readonly validUntil: string;
}

/** The reminder goes out this long before the deadline, or halfway through a shorter request. */
export const REMINDER_LEAD_MS = 4 * 3_600_000;

/**
 * One key per request and kind (a request withdrawn and asked again, or asked again after expiring, is a new
 * effect with a new deadline): the remediation and the request's deadline.
 */
export const approvalTimerKey = (
  kind: 'expiry' | 'reminder',
  incidentId: string,
  remediationId: string,
  validUntil: string,
): string => `remediation-approval-${kind}:${incidentId}:${remediationId}:${Date.parse(validUntil)}`;

export function reminderDueAt(requestedAt: string, validUntil: string): Date {
  const until = Date.parse(validUntil);
  const lead = Math.min(REMINDER_LEAD_MS, (until - Date.parse(requestedAt)) / 2);
  return new Date(until - lead);
}

/**
 * Approval timers in remediation's queue (RemediationTimers fires them): a reminder before an approval request lapses, and its expiry at `validUntil`. Each
 * acts only if that very request is still unanswered (answered requests are not cancelled: the firing finds them
 * decided). The expiry is recorded with the timer key as its cause, so a timer fired twice expires once.
 */
@Injectable()
export class ApprovalTimers {
  constructor(
    @Inject(Scheduler) private readonly scheduler: Scheduler<ApprovalTimerPayload>,
    @Inject(IncidentCommandHandler) private readonly commands: IncidentCommandHandler,
    @Inject(IncidentFacts) private readonly incidents: IncidentFacts,
    @Inject(ApprovalRequests) private readonly approvals: ApprovalRequests,
    @Inject(REMEDIATION_CONFIG) private readonly config: RemediationConfig,
  ) {}

  async schedule(incidentId: string, remediationId: string, requestedAt: string, validUntil: string): Promise<void> {
    const request = { incidentId, remediationId, validUntil };
    await this.scheduler.schedule(
      approvalTimerKey('reminder', incidentId, remediationId, validUntil),
      reminderDueAt(requestedAt, validUntil),
      { kind: 'reminder', ...request },
    );
    await this.scheduler.schedule(
      approvalTimerKey('expiry', incidentId, remediationId, validUntil),
      new Date(validUntil),
      { kind: 'expiry', ...request },
    );
  }

  async fire(timer: FiringTimer<ApprovalTimerPayload>): Promise<void> {
    const { incidentId, remediationId, validUntil } = timer.payload;
    if (timer.payload.kind === 'reminder')
      return this.approvals.send(incidentId, remediationId, validUntil, 'reminder');
    const { state } = await this.incidents.of(incidentId);
    if (state.status === 'initial') return;
    const remediation = findRemediation(state, remediationId);
    if (remediation?.status !== 'approval_requested' || remediation.approval?.validUntil !== validUntil) return;
    await this.commands.execute(
      { type: 'ExpireRemediationApproval', data: { incidentId, remediationId, expiredAt: timer.dueAt.toISOString() } },
      { actor: this.config.actor, correlationId: timer.key, causationId: timer.key },
    );
  }
}

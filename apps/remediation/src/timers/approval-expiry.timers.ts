import { Inject, Injectable } from '@nestjs/common';
import { findRemediation } from '@incident/domain';
import { IncidentCommandHandler } from '@incident/event-store';
import { BackgroundLoops } from '@incident/platform';
import { type FiringTimer, Scheduler } from '@incident/scheduler';
import { IncidentFacts } from '../incident-facts';
import { REMEDIATION_CONFIG, type RemediationConfig } from '../remediation.config';

export interface ApprovalExpiryPayload {
  readonly incidentId: string;
  readonly remediationId: string;
  readonly validUntil: string;
}

/**
 * One key per request (a request withdrawn and asked again, or asked again after expiring, is a new effect with a
 * new deadline): the remediation and the request's deadline.
 */
export const approvalExpiryKey = (incidentId: string, remediationId: string, validUntil: string): string =>
  `remediation-approval-expiry:${incidentId}:${remediationId}:${Date.parse(validUntil)}`;

/**
 * The one durable timer of remediation's queue: an approval request lapses at its `validUntil`. Firing records
 * RemediationApprovalExpired (caused by the timer key, so a timer fired twice expires once) if that very request
 * is still unanswered. Answered requests are not cancelled: the firing finds them decided and does nothing.
 */
@Injectable()
export class ApprovalExpiryTimers {
  constructor(
    @Inject(Scheduler) private readonly scheduler: Scheduler<ApprovalExpiryPayload>,
    @Inject(IncidentCommandHandler) private readonly commands: IncidentCommandHandler,
    @Inject(IncidentFacts) private readonly incidents: IncidentFacts,
    @Inject(REMEDIATION_CONFIG) private readonly config: RemediationConfig,
    @Inject(BackgroundLoops) loops: BackgroundLoops,
  ) {
    scheduler.onFire((timer) => this.fire(timer));
    loops.register(scheduler);
  }

  async schedule(incidentId: string, remediationId: string, validUntil: string): Promise<void> {
    const key = approvalExpiryKey(incidentId, remediationId, validUntil);
    await this.scheduler.schedule(key, new Date(validUntil), { incidentId, remediationId, validUntil });
  }

  private async fire(timer: FiringTimer<ApprovalExpiryPayload>): Promise<void> {
    const { incidentId, remediationId, validUntil } = timer.payload;
    const { state } = await this.incidents.of(incidentId);
    if (state.status === 'initial') return;
    const remediation = findRemediation(state, remediationId);
    // Answered meanwhile, or withdrawn and asked again with another deadline (that request has its own timer).
    if (remediation?.status !== 'approval_requested' || remediation.approval?.validUntil !== validUntil) return;
    await this.commands.execute(
      { type: 'ExpireRemediationApproval', data: { incidentId, remediationId, expiredAt: timer.dueAt.toISOString() } },
      { actor: this.config.actor, correlationId: timer.key, causationId: timer.key },
    );
  }
}

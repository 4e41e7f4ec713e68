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
}

export const approvalExpiryKey = (incidentId: string, remediationId: string): string =>
  `remediation-approval-expiry:${incidentId}:${remediationId}`;

/**
 * The one durable timer of remediation's queue: an approval request lapses at its `validUntil`. Firing records
 * RemediationApprovalExpired (caused by the timer key, so a timer fired twice expires once) if nobody answered.
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
    const key = approvalExpiryKey(incidentId, remediationId);
    await this.scheduler.schedule(key, new Date(validUntil), { incidentId, remediationId });
  }

  async cancel(incidentId: string, remediationId: string): Promise<void> {
    await this.scheduler.cancel(approvalExpiryKey(incidentId, remediationId));
  }

  private async fire(timer: FiringTimer<ApprovalExpiryPayload>): Promise<void> {
    const { incidentId, remediationId } = timer.payload;
    const { state } = await this.incidents.of(incidentId);
    if (state.status === 'initial') return;
    // Answered meanwhile: a cancel does not stop a firing already under way.
    if (findRemediation(state, remediationId)?.status !== 'approval_requested') return;
    await this.commands.execute(
      { type: 'ExpireRemediationApproval', data: { incidentId, remediationId, expiredAt: timer.dueAt.toISOString() } },
      { actor: this.config.actor, correlationId: timer.key, causationId: timer.key },
    );
  }
}

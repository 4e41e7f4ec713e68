import { Inject, Injectable } from '@nestjs/common';
import { BackgroundLoops } from '@incident/platform';
import { type FiringTimer, Scheduler } from '@incident/scheduler';
import { type ApprovalTimerPayload, ApprovalTimers } from './approval-timers';
import { type CallbackDeadlinePayload, CallbackDeadlineTimers } from './callback-deadline-timers';
import { type CustomerUpdateReminderPayload, UpdateCadenceTimers } from './update-cadence-timers';

export type RemediationTimerPayload = ApprovalTimerPayload | CustomerUpdateReminderPayload | CallbackDeadlinePayload;

/**
 * Remediation's one timer queue, and the one handler a scheduler takes: each firing goes to the timers of its
 * kind. Approval timers set before other kinds existed carry `expiry`, `reminder` or no kind at all.
 */
@Injectable()
export class RemediationTimers {
  constructor(
    @Inject(Scheduler) scheduler: Scheduler<RemediationTimerPayload>,
    @Inject(ApprovalTimers) private readonly approvals: ApprovalTimers,
    @Inject(UpdateCadenceTimers) private readonly cadence: UpdateCadenceTimers,
    @Inject(CallbackDeadlineTimers) private readonly callbacks: CallbackDeadlineTimers,
    @Inject(BackgroundLoops) loops: BackgroundLoops,
  ) {
    scheduler.onFire((timer) => this.fire(timer));
    loops.register(scheduler);
  }

  private fire(timer: FiringTimer<RemediationTimerPayload>): Promise<void> {
    const { payload } = timer;
    if (payload.kind === 'customer-update-reminder') return this.cadence.fire({ ...timer, payload });
    if (payload.kind === 'executor-callback-deadline') return this.callbacks.fire({ ...timer, payload });
    return this.approvals.fire({ ...timer, payload });
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { IncidentEventContext } from '@incident/messaging';
import { deferredTimerChanges, type FiringTimer, Scheduler } from '@incident/scheduler';
import { UpdateReminders } from '../execution/update-reminders';
import { IncidentFacts } from '../incident-facts';
import {
  currentUpdateDue,
  reminderStillNeeded,
  type UpdateClockRun,
  updateReminderAt,
  updateReminderKey,
} from '../rules/update-cadence';

export interface CustomerUpdateReminderPayload extends UpdateClockRun {
  readonly kind: 'customer-update-reminder';
}

/**
 * The communication cadence's reminders. Escalation owns the `customer_update` SLA clock (it starts it per the
 * directory's `customerUpdateEveryMinutes` for the severity, restarts it at every customer update and records the
 * breach); remediation follows each SlaClockStarted of that clock with a durable reminder before it runs out.
 * A reminder made moot by an update is not cancelled: the firing finds the customer told and does nothing.
 */
@Injectable()
export class UpdateCadenceTimers {
  constructor(
    @Inject(Scheduler) private readonly scheduler: Scheduler<CustomerUpdateReminderPayload>,
    @Inject(IncidentFacts) private readonly incidents: IncidentFacts,
    @Inject(UpdateReminders) private readonly reminders: UpdateReminders,
  ) {}

  /**
   * The reminder is written last in the consumer's transaction (`writeLast`), with the run's other reminders
   * in one statement (deferredTimerChanges): it commits with the event's idempotency record or not at all, and
   * costs no transaction of its own.
   */
  async clockStarted(
    incidentId: string,
    startedAt: string,
    dueAt: string,
    ctx: Pick<IncidentEventContext, 'writeLast'>,
  ): Promise<void> {
    const { state } = await this.incidents.of(incidentId);
    if (state.status === 'initial') return;
    const run: UpdateClockRun = { incidentId, cycle: state.reopenCount, startedAt, dueAt };
    // Caught up late, past the due time: the breach is escalation's to record, a reminder is too late.
    if (Date.parse(dueAt) <= Date.now() || !reminderStillNeeded(state, run)) return;
    const payload: CustomerUpdateReminderPayload = { kind: 'customer-update-reminder', ...run };
    // A key in use stays as it is: a redelivered SlaClockStarted read a later cycle, the first timer stands.
    deferredTimerChanges(this.scheduler, ctx.writeLast).schedule(
      updateReminderKey(run),
      updateReminderAt(run),
      payload,
    );
  }

  async fire(timer: FiringTimer<CustomerUpdateReminderPayload>): Promise<void> {
    const { kind: _kind, ...run } = timer.payload;
    const { state, history } = await this.incidents.of(run.incidentId);
    if (!reminderStillNeeded(state, run) || currentUpdateDue(history) !== run.dueAt) return;
    await this.reminders.remind(state, run, timer.key);
  }
}

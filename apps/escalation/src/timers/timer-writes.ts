import type { IncidentEventContext } from '@incident/messaging';
import { deferredTimerChanges, type FiringTimer, type Scheduler } from '@incident/scheduler';
import type { EscalationTimerPayload } from './escalation-timer-payload';

/**
 * How escalation changes its timers. A consumed event's changes go into the consumer's transaction, written
 * last (`atCommit`): they commit with the event's idempotency record or not at all (a rolled-back run leaves
 * no timer behind, and its redelivery writes them again), and cost no PostgreSQL transaction of their own: at
 * 100 incidents/s each timer committed alone was 4 to 8 transactions per incident. A whole run's changes are
 * written together, a statement per kind (libs/scheduler, deferredTimerChanges). A timer's firing has no
 * consumer transaction: its changes commit with the firing's outcome (`withOutcome`).
 *
 * `schedule` of a key in use keeps the timer there (Scheduler.scheduleIfFree): the same one again (a
 * redelivery), or started already from another fact (triaged again after a reopen): the first start stands.
 */
export interface TimerWrites {
  schedule(key: string, dueAt: Date, payload: EscalationTimerPayload): Promise<void>;
  reschedule(key: string, dueAt: Date): Promise<void>;
  cancel(key: string): Promise<void>;
}

/** Left for the end of the consumer's transaction (`writeLast`), in the order asked. */
export function timerWritesAtCommit(
  scheduler: Scheduler<EscalationTimerPayload>,
  ctx: Pick<IncidentEventContext, 'writeLast'>,
): TimerWrites {
  return promising(deferredTimerChanges(scheduler, ctx.writeLast));
}

/**
 * A firing's changes (the next level's timer), committed in the transaction that records the firing
 * (`writeWithOutcome`): one transaction for both. If it fails, the firing re-runs after its lease.
 */
export function timerWritesWithOutcome(
  scheduler: Scheduler<EscalationTimerPayload>,
  timer: Pick<FiringTimer<EscalationTimerPayload>, 'writeWithOutcome'>,
): TimerWrites {
  return promising(deferredTimerChanges(scheduler, timer.writeWithOutcome));
}

function promising(changes: ReturnType<typeof deferredTimerChanges<EscalationTimerPayload>>): TimerWrites {
  return {
    schedule: async (key, dueAt, payload) => changes.schedule(key, dueAt, payload),
    reschedule: async (key, dueAt) => changes.reschedule(key, dueAt),
    cancel: async (key) => changes.cancel(key),
  };
}

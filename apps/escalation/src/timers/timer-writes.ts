import type { IncidentEventContext } from '@incident/messaging';
import type { PoolClient } from 'pg';
import { type FiringTimer, type Scheduler, TimerKeyInUse } from '@incident/scheduler';
import type { EscalationTimerPayload } from './escalation-timer-payload';

/**
 * How escalation changes its timers. A consumed event's changes go into the consumer's transaction, written
 * last (`atCommit`): they commit with the event's idempotency record or not at all (a rolled-back run leaves
 * no timer behind, and its redelivery writes them again), and cost no PostgreSQL transaction of their own: at
 * 100 incidents/s each timer committed alone was 4 to 8 transactions per incident. A timer's firing has no
 * consumer transaction: its changes commit with the firing's outcome (`withOutcome`).
 *
 * `schedule` of a key in use with another due time or payload keeps the first (TimerKeyInUse ignored): started
 * already from another fact (triaged again after a reopen), the first start stands.
 */
export interface TimerWrites {
  schedule(key: string, dueAt: Date, payload: EscalationTimerPayload): Promise<void>;
  reschedule(key: string, dueAt: Date): Promise<void>;
  cancel(key: string): Promise<void>;
}

const keyInUseIgnored = (error: unknown): void => {
  if (!(error instanceof TimerKeyInUse)) throw error;
};

type Later = (work: (tx: PoolClient) => Promise<unknown>) => void;

/** Each change left for the end of the consumer's transaction (`writeLast`), in the order asked. */
export function timerWritesAtCommit(
  scheduler: Scheduler<EscalationTimerPayload>,
  ctx: Pick<IncidentEventContext, 'writeLast'>,
): TimerWrites {
  return timerWritesIn(scheduler, (work) => ctx.writeLast(work));
}

/**
 * A firing's changes (the next level's timer), committed in the transaction that records the firing
 * (`writeWithOutcome`): one transaction for both. If it fails, the firing re-runs after its lease.
 */
export function timerWritesWithOutcome(
  scheduler: Scheduler<EscalationTimerPayload>,
  timer: Pick<FiringTimer<EscalationTimerPayload>, 'writeWithOutcome'>,
): TimerWrites {
  return timerWritesIn(scheduler, (work) => timer.writeWithOutcome(work));
}

function timerWritesIn(scheduler: Scheduler<EscalationTimerPayload>, defer: Later): TimerWrites {
  const later = (work: Parameters<Later>[0]): Promise<void> => {
    defer(work);
    return Promise.resolve();
  };
  return {
    schedule: (key, dueAt, payload) =>
      later((tx) => scheduler.schedule(key, dueAt, payload, { tx }).catch(keyInUseIgnored)),
    reschedule: (key, dueAt) => later((tx) => scheduler.reschedule(key, dueAt, { tx })),
    cancel: (key) => later((tx) => scheduler.cancel(key, { tx })),
  };
}

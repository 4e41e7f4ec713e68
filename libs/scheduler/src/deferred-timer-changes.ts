import type { PoolClient } from 'pg';
import type { Scheduler } from './scheduler';

/** Hands work to a transaction for later: a consumer's `ctx.writeLast`, a firing's `writeWithOutcome`. */
export type DeferToTransaction = (work: (tx: PoolClient) => Promise<unknown>) => void;

/**
 * Timer changes made for one transaction, written when it asks (at its end), in the order made. `schedule`
 * keeps a timer already under that key (scheduleIfFree: the same one again after a redelivery, or the first
 * caller's).
 */
export interface DeferredTimerChanges<Payload> {
  schedule(key: string, dueAt: Date, payload: Payload): void;
  reschedule(key: string, dueAt: Date): void;
  cancel(key: string): void;
}

type TimerChange<Payload> =
  | { readonly kind: 'schedule'; readonly key: string; readonly dueAt: Date; readonly payload: Payload }
  | { readonly kind: 'reschedule'; readonly key: string; readonly dueAt: Date }
  | { readonly kind: 'cancel'; readonly key: string };

/** The changes waiting for a transaction, by the function that defers work to it, then by queue. */
const waiting = new WeakMap<DeferToTransaction, Map<object, TimerChange<unknown>[]>>();

/**
 * Timer changes for the transaction behind `defer`. Every handler of a consumer run is given the same
 * `writeLast`, so the changes of a whole run are written together at its end: schedules next to each other in
 * one statement, cancels likewise. A run's hundreds of timers written one statement each kept the transaction
 * holding a transaction id for hundreds of milliseconds, and that holds back every reader of the store's log
 * (libs/messaging, "Why the claim comes last").
 */
export function deferredTimerChanges<Payload>(
  scheduler: Scheduler<Payload>,
  defer: DeferToTransaction,
): DeferredTimerChanges<Payload> {
  const queue: object = scheduler;
  const add = (change: TimerChange<Payload>): void => {
    let byQueue = waiting.get(defer);
    if (!byQueue) {
      byQueue = new Map();
      waiting.set(defer, byQueue);
    }
    let changes = byQueue.get(queue) as TimerChange<Payload>[] | undefined;
    if (!changes) {
      const batch: TimerChange<Payload>[] = [];
      changes = batch;
      byQueue.set(queue, batch as TimerChange<unknown>[]);
      const mine = byQueue;
      defer((tx) => {
        mine.delete(queue);
        return writeInOrder(scheduler, batch, tx);
      });
    }
    changes.push(change);
  };
  return {
    schedule: (key, dueAt, payload) => add({ kind: 'schedule', key, dueAt, payload }),
    reschedule: (key, dueAt) => add({ kind: 'reschedule', key, dueAt }),
    cancel: (key) => add({ kind: 'cancel', key }),
  };
}

async function writeInOrder<Payload>(
  scheduler: Scheduler<Payload>,
  changes: readonly TimerChange<Payload>[],
  tx: PoolClient,
): Promise<void> {
  for (let i = 0; i < changes.length;) {
    const change = changes[i] as TimerChange<Payload>;
    if (change.kind === 'reschedule') {
      await scheduler.reschedule(change.key, change.dueAt, { tx });
      i += 1;
    } else if (change.kind === 'schedule') {
      const schedules: { key: string; dueAt: Date; payload: Payload }[] = [];
      for (let next = changes[i]; next?.kind === 'schedule'; next = changes[++i]) schedules.push(next);
      await scheduler.scheduleIfFree(schedules, { tx });
    } else {
      const keys: string[] = [];
      for (let next = changes[i]; next?.kind === 'cancel'; next = changes[++i]) keys.push(next.key);
      await scheduler.cancelAll(keys, { tx });
    }
  }
}

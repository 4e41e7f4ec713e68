import type { PoolClient } from 'pg';
export type TimerStatus = 'pending' | 'fired' | 'failed' | 'cancelled';

/** What a handler receives when its timer fires. */
export interface FiringTimer<Payload = unknown> {
  readonly queue: string;
  /** Use it as the causationId of the commands the firing issues: a re-fire then has no second effect. */
  readonly key: string;
  readonly payload: Payload;
  readonly dueAt: Date;
  /** 1 on the first firing; higher after a failure or after a replica died holding the timer. */
  readonly attempt: number;
  /**
   * Runs `work(tx)` in the transaction that records this firing as fired, once the handler has resolved: for
   * the timers the firing sets next (`scheduler.schedule(…, { tx })`), one transaction for both instead of two.
   * Not run when the handler throws. When that transaction fails, the firing is not recorded, and the timer
   * fires again after its lease, like any outcome that could not be recorded.
   */
  readonly writeWithOutcome: (work: (tx: PoolClient) => Promise<unknown>) => void;
}

/**
 * The service's reaction to a timer. It may run more than once for one timer (a replica that died after the
 * effect but before marking the timer fired), so its effect must be idempotent by the timer key.
 * Resolving marks the timer fired; throwing retries it with backoff (PermanentTimerFailure: fails it at once).
 */
export type TimerHandler<Payload = unknown> = (timer: FiringTimer<Payload>) => Promise<void>;

export interface TimerSnapshot<Payload = unknown> {
  readonly queue: string;
  readonly key: string;
  readonly dueAt: Date;
  readonly payload: Payload;
  readonly status: TimerStatus;
  readonly attempts: number;
  readonly lastError: string | null;
  /** When it was fired, failed or cancelled. */
  readonly settledAt: Date | null;
}

/** `created` is false when the key was scheduled before with the same due time and payload. */
export interface ScheduleResult {
  readonly created: boolean;
  readonly status: TimerStatus;
}

export type RescheduleOutcome = 'rescheduled' | 'unchanged' | 'not_found' | 'fired' | 'cancelled';
export type CancelOutcome = 'cancelled' | 'not_found' | 'fired';

import type { Pool, PoolClient } from 'pg';
import { TimerKeyInUse } from './errors';
import type { CancelOutcome, RescheduleOutcome, ScheduleResult, TimerSnapshot, TimerStatus } from './timer';
import { TIMER_CHANNEL } from './timer-table';

/** A timer this replica holds: the token proves the claim is still its own when it reports the outcome. */
export interface ClaimedTimer {
  readonly key: string;
  readonly payload: unknown;
  readonly dueAt: Date;
  readonly attempt: number;
  readonly token: string;
}

export interface Backlog {
  readonly pending: number;
  /** Failed and not since rescheduled or cancelled: each one waits for an operator. */
  readonly failed: number;
  /** How far past its due time the oldest pending timer is; 0 when none is due. */
  readonly overdueSeconds: number;
}

interface TimerRow {
  queue: string;
  key: string;
  due_at: Date;
  payload: unknown;
  status: TimerStatus;
  attempts: number;
  last_error: string | null;
  settled_at: Date | null;
}

/** A write a firing asked to have committed with its outcome (FiringTimer.writeWithOutcome). */
export type OutcomeWrite = (tx: PoolClient) => Promise<unknown>;

/** Where a statement runs: the pool (its own transaction), or a caller's connection inside its transaction. */
export type TimerDb = Pool | PoolClient;

const NOTIFY = `pg_notify('${TIMER_CHANNEL}', $1 || E'\\n' || (extract(epoch FROM $3::timestamptz) * 1000)::bigint)`;

/**
 * Every statement on `scheduler.timer`, for one queue. Each is one statement, so one short transaction, unless
 * `schedule`, `reschedule` or `cancel` is given a caller's connection (`db`): then it is part of that transaction.
 */
export class TimerStore {
  constructor(
    private readonly pool: Pool,
    readonly queue: string,
  ) {}

  async schedule(key: string, dueAt: Date, payload: unknown, db: TimerDb = this.pool): Promise<ScheduleResult> {
    const json = JSON.stringify(payload ?? null);
    const inserted = await db.query(
      `WITH inserted AS (
         INSERT INTO scheduler.timer (queue, key, due_at, next_attempt_at, payload)
         VALUES ($1, $2, $3, $3, $4::jsonb)
         ON CONFLICT (queue, key) DO NOTHING
         RETURNING key)
       SELECT ${NOTIFY} FROM inserted`,
      [this.queue, key, dueAt, json],
    );
    if (inserted.rowCount === 1) return { created: true, status: 'pending' };
    const existing = await db.query<{ status: TimerStatus; due_at: Date; same: boolean }>(
      `SELECT status, due_at, (due_at = $3 AND payload = $4::jsonb) AS same
         FROM scheduler.timer WHERE queue = $1 AND key = $2`,
      [this.queue, key, dueAt, json],
    );
    const row = existing.rows[0];
    // No row: it was purged between the two statements; a retry by the caller inserts it again.
    if (!row) throw new Error(`timer ${this.queue}/${key} vanished while being scheduled; schedule it again`);
    if (!row.same) throw new TimerKeyInUse(this.queue, key, row.due_at, row.status);
    return { created: false, status: row.status };
  }

  /**
   * Every timer whose key is free, in one statement; a key in use (the same timer or another) is left as it is,
   * and a key given twice counts once. Resolves with the keys created.
   */
  async scheduleIfFree(
    timers: readonly { readonly key: string; readonly dueAt: Date; readonly payload: unknown }[],
    db: TimerDb = this.pool,
  ): Promise<string[]> {
    if (timers.length === 0) return [];
    const inserted = await db.query<{ key: string }>(
      `WITH inserted AS (
         INSERT INTO scheduler.timer (queue, key, due_at, next_attempt_at, payload)
         SELECT $1, key, due_at, due_at, payload
           FROM unnest($2::text[], $3::timestamptz[], $4::jsonb[]) AS wanted(key, due_at, payload)
         ON CONFLICT (queue, key) DO NOTHING
         RETURNING key, due_at)
       SELECT key, pg_notify('${TIMER_CHANNEL}', $1 || E'\n' || (extract(epoch FROM due_at) * 1000)::bigint)
         FROM inserted`,
      [
        this.queue,
        timers.map((timer) => timer.key),
        timers.map((timer) => timer.dueAt),
        timers.map((timer) => JSON.stringify(timer.payload ?? null)),
      ],
    );
    return inserted.rows.map((row) => row.key);
  }

  /** Moves a pending (or failed: it is revived, attempts from 1) timer; a claim in flight loses its outcome. */
  async reschedule(key: string, dueAt: Date, db: TimerDb = this.pool): Promise<RescheduleOutcome> {
    const moved = await db.query(
      `WITH moved AS (
         UPDATE scheduler.timer
            SET due_at = $3, next_attempt_at = $3, attempts = 0, status = 'pending', claim_token = NULL,
                claimed_by = NULL, last_error = NULL, settled_at = NULL, updated_at = now()
          WHERE queue = $1 AND key = $2
            AND (status = 'failed' OR (status = 'pending' AND due_at <> $3))
          RETURNING key)
       SELECT ${NOTIFY} FROM moved`,
      [this.queue, key, dueAt],
    );
    if (moved.rowCount === 1) return 'rescheduled';
    const status = await this.status(key, db);
    return status === undefined ? 'not_found' : status === 'pending' ? 'unchanged' : (status as 'fired' | 'cancelled');
  }

  /** `cancel` for many keys in one statement; resolves with how many were cancelled. */
  async cancelAll(keys: readonly string[], db: TimerDb = this.pool): Promise<number> {
    if (keys.length === 0) return 0;
    const cancelled = await db.query(
      `UPDATE scheduler.timer
          SET status = 'cancelled', claim_token = NULL, settled_at = now(), updated_at = now()
        WHERE queue = $1 AND key = ANY($2::text[]) AND status IN ('pending', 'failed')`,
      [this.queue, keys],
    );
    return cancelled.rowCount ?? 0;
  }

  async cancel(key: string, db: TimerDb = this.pool): Promise<CancelOutcome> {
    const cancelled = await db.query(
      `UPDATE scheduler.timer
          SET status = 'cancelled', claim_token = NULL, settled_at = now(), updated_at = now()
        WHERE queue = $1 AND key = $2 AND status IN ('pending', 'failed')`,
      [this.queue, key],
    );
    if (cancelled.rowCount === 1) return 'cancelled';
    const status = await this.status(key, db);
    return status === undefined ? 'not_found' : status === 'fired' ? 'fired' : 'cancelled';
  }

  async get(key: string): Promise<TimerSnapshot | undefined> {
    const result = await this.pool.query<TimerRow>(
      `SELECT queue, key, due_at, payload, status, attempts, last_error, settled_at
         FROM scheduler.timer WHERE queue = $1 AND key = $2`,
      [this.queue, key],
    );
    const row = result.rows[0];
    if (!row) return undefined;
    return {
      queue: row.queue,
      key: row.key,
      dueAt: row.due_at,
      payload: row.payload,
      status: row.status,
      attempts: row.attempts,
      lastError: row.last_error,
      settledAt: row.settled_at,
    };
  }

  /**
   * Takes up to `limit` ready timers for `leaseMs`. SKIP LOCKED lets replicas claim side by side without
   * waiting on each other's rows; the statement commits at once, so no lock is held while handlers run.
   */
  async claimReady(limit: number, replica: string, leaseMs: number): Promise<ClaimedTimer[]> {
    const result = await this.pool.query<{
      key: string;
      payload: unknown;
      due_at: Date;
      attempts: number;
      claim_token: string;
    }>(
      `WITH ready AS (
         SELECT key FROM scheduler.timer
          WHERE queue = $1 AND status = 'pending' AND next_attempt_at <= now()
          ORDER BY next_attempt_at
          LIMIT $2
          FOR UPDATE SKIP LOCKED)
       UPDATE scheduler.timer t
          SET attempts = t.attempts + 1, claim_token = gen_random_uuid(), claimed_by = $3,
              next_attempt_at = now() + $4::float8 * interval '1 millisecond', updated_at = now()
         FROM ready
        WHERE t.queue = $1 AND t.key = ready.key
       RETURNING t.key, t.payload, t.due_at, t.attempts, t.claim_token`,
      [this.queue, limit, replica, leaseMs],
    );
    return result.rows.map((row) => ({
      key: row.key,
      payload: row.payload,
      dueAt: row.due_at,
      attempt: row.attempts,
      token: row.claim_token,
    }));
  }

  /**
   * Seconds from due to fired, or undefined when the claim was lost (lease ran out, cancelled, moved). With
   * `withOutcome` (FiringTimer.writeWithOutcome) those writes and the outcome go in one transaction; they commit
   * even when the claim was lost: the firing took effect, and what it set next is keyed like any timer.
   */
  async markFired(timer: ClaimedTimer, withOutcome: readonly OutcomeWrite[] = []): Promise<number | undefined> {
    const fired = async (db: TimerDb) =>
      (
        await db.query<{ lag: number }>(
          `UPDATE scheduler.timer
              SET status = 'fired', claim_token = NULL, last_error = NULL, settled_at = now(), updated_at = now()
            WHERE queue = $1 AND key = $2 AND claim_token = $3 AND status = 'pending'
            RETURNING extract(epoch FROM settled_at - due_at)::float8 AS lag`,
          [this.queue, timer.key, timer.token],
        )
      ).rows[0]?.lag;
    if (withOutcome.length === 0) return fired(this.pool);
    const tx = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await tx.query('BEGIN');
      for (const work of withOutcome) await work(tx);
      const lag = await fired(tx);
      await tx.query('COMMIT');
      return lag;
    } catch (error) {
      await tx.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
      throw error;
    } finally {
      tx.release(broken);
    }
  }

  /** Releases the claim and makes the timer ready again after `delayMs`. False when the claim was lost. */
  async markRetry(timer: ClaimedTimer, delayMs: number, error: string): Promise<boolean> {
    const result = await this.pool.query(
      `UPDATE scheduler.timer
          SET claim_token = NULL, next_attempt_at = now() + $4::float8 * interval '1 millisecond', last_error = $5,
              updated_at = now()
        WHERE queue = $1 AND key = $2 AND claim_token = $3 AND status = 'pending'`,
      [this.queue, timer.key, timer.token, delayMs, error],
    );
    return result.rowCount === 1;
  }

  /** Gives up: the timer stays in the table as `failed` with its last error, for an operator to see. */
  async markFailed(timer: ClaimedTimer, error: string): Promise<boolean> {
    const result = await this.pool.query(
      `UPDATE scheduler.timer
          SET status = 'failed', claim_token = NULL, last_error = $4, settled_at = now(), updated_at = now()
        WHERE queue = $1 AND key = $2 AND claim_token = $3 AND status = 'pending'`,
      [this.queue, timer.key, timer.token, error],
    );
    return result.rowCount === 1;
  }

  /** Milliseconds until the next pending timer is ready (negative: overdue), undefined when none is pending. */
  async msUntilNextReady(): Promise<number | undefined> {
    const result = await this.pool.query<{ ms: number | null }>(
      `SELECT (extract(epoch FROM min(next_attempt_at) - now()) * 1000)::float8 AS ms
         FROM scheduler.timer WHERE queue = $1 AND status = 'pending'`,
      [this.queue],
    );
    return result.rows[0]?.ms ?? undefined;
  }

  /** The queue's pending and failed timers, and how far past its due time the oldest pending one is. */
  async backlog(): Promise<Backlog> {
    const result = await this.pool.query<{ pending: number; failed: number; overdue: number }>(
      `SELECT (SELECT count(*) FROM scheduler.timer WHERE queue = $1 AND status = 'pending')::int AS pending,
              (SELECT count(*) FROM scheduler.timer WHERE queue = $1 AND status = 'failed')::int AS failed,
              coalesce((SELECT extract(epoch FROM now() - min(due_at)) FROM scheduler.timer
                         WHERE queue = $1 AND status = 'pending' AND due_at <= now()), 0)::float8 AS overdue`,
      [this.queue],
    );
    const row = result.rows[0];
    return { pending: row?.pending ?? 0, failed: row?.failed ?? 0, overdueSeconds: row?.overdue ?? 0 };
  }

  private async status(key: string, db: TimerDb): Promise<TimerStatus | undefined> {
    const result = await db.query<{ status: TimerStatus }>(
      'SELECT status FROM scheduler.timer WHERE queue = $1 AND key = $2',
      [this.queue, key],
    );
    return result.rows[0]?.status;
  }
}

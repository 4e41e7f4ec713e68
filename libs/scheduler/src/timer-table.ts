import type { Pool } from 'pg';

const SCHEMA_LOCK = 7_324_219; // arbitrary, fixed: the scheduler schema's creation lock

/** The channel `schedule` and `reschedule` notify on; the payload is `<queue>\n<ready at, epoch ms>`. */
export const TIMER_CHANNEL = 'scheduler_timer';

/**
 * Creates `scheduler.timer` if it is missing. `CREATE … IF NOT EXISTS` is not safe when two replicas run it
 * at once (the loser fails on the catalog's unique index), so it runs under a transaction-scoped advisory lock.
 *
 * `next_attempt_at` is the one column the claim looks at: the due time at first, a retry's backoff after a
 * failure, and the end of the lease while a replica holds the timer. A replica that dies holding it lets the
 * lease run out, and the timer is due again for the others.
 */
export async function ensureTimerTable(pool: Pool): Promise<void> {
  // One simple-query string runs as one implicit transaction, so the advisory lock is held to its end.
  await pool.query(
    `SELECT pg_advisory_xact_lock(${SCHEMA_LOCK});
     CREATE SCHEMA IF NOT EXISTS scheduler;
     CREATE TABLE IF NOT EXISTS scheduler.timer (
       queue text NOT NULL,
       key text NOT NULL,
       due_at timestamptz NOT NULL,
       payload jsonb NOT NULL,
       status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'fired', 'failed', 'cancelled')),
       next_attempt_at timestamptz NOT NULL,
       attempts integer NOT NULL DEFAULT 0,
       claim_token uuid,
       claimed_by text,
       last_error text,
       created_at timestamptz NOT NULL DEFAULT now(),
       updated_at timestamptz NOT NULL DEFAULT now(),
       settled_at timestamptz,
       PRIMARY KEY (queue, key)
     );
     -- Only pending timers are ever claimed; settled ones stay (they keep schedule idempotent) but out of it.
     CREATE INDEX IF NOT EXISTS timer_ready ON scheduler.timer (queue, next_attempt_at) WHERE status = 'pending';
     CREATE INDEX IF NOT EXISTS timer_failed ON scheduler.timer (queue) WHERE status = 'failed';`,
  );
}

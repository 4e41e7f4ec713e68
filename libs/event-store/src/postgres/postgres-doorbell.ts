import type { Pool } from 'pg';
import { EVENTS_CHANNEL } from './postgres-migrations';

/**
 * Rings EVENTS_CHANNEL after appends commit, for the followers' wake-up (postgresWakeUp). The NOTIFY is not part
 * of the appends' transactions: a notifying commit holds a cluster-wide lock through its WAL flush, which would
 * serialise the appends' commits with every other notifying commit. This transaction writes nothing but the
 * notification and does not wait for its flush (synchronous_commit off, for it alone), so it holds that lock only
 * briefly. Rings that come while one is on its way are folded into one more. A lost ring only delays a follower
 * until its poll, which remains the guarantee.
 *
 * At most one ring per `minIntervalMs`: the first after a quiet spell goes at once, those within the interval fold
 * into one at its end. Under an alert storm a ring per group-commit batch (a transaction of its own each, over a
 * hundred a second) cost PostgreSQL about a sixth of its CPU per alert; a follower busy with that storm is reading
 * on its own anyway, and one starting to is woken at most `minIntervalMs` later.
 */
export class PostgresDoorbell {
  private ringing: Promise<void> | undefined;
  private again = false;
  private pending: NodeJS.Timeout | undefined;
  private lastRang = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly pool: Pool,
    private readonly minIntervalMs = 20,
  ) {}

  ring(): void {
    if (this.ringing) {
      this.again = true;
      return;
    }
    if (this.pending) return;
    const wait = this.lastRang + this.minIntervalMs - performance.now();
    if (wait > 0) {
      this.pending = setTimeout(() => {
        this.pending = undefined;
        this.send();
      }, wait);
      return;
    }
    this.send();
  }

  /** Rings at once what waits for its interval, and waits for the rings on their way, so closing loses none. */
  async quiet(): Promise<void> {
    while (this.ringing || this.pending) {
      if (this.pending) {
        clearTimeout(this.pending);
        this.pending = undefined;
        this.send();
      }
      await this.ringing;
    }
  }

  private send(): void {
    this.lastRang = performance.now();
    this.ringing = this.pool
      .query(`SELECT set_config('synchronous_commit', 'off', true), pg_notify('${EVENTS_CHANNEL}', '')`)
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        this.ringing = undefined;
        if (this.again) {
          this.again = false;
          this.ring();
        }
      });
  }
}

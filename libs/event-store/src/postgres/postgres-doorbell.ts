import type { Pool } from 'pg';
import { EVENTS_CHANNEL } from './postgres-migrations';

/**
 * Rings EVENTS_CHANNEL after appends commit, for the followers' wake-up (postgresWakeUp). The NOTIFY is not part
 * of the appends' transactions: a notifying commit holds a cluster-wide lock through its WAL flush, which would
 * serialise the appends' commits with every other notifying commit. This transaction writes nothing but the
 * notification and does not wait for its flush (synchronous_commit off, for it alone), so it holds that lock only
 * briefly. Rings that come while one is on its way are folded into one more. A lost ring only delays a follower
 * until its poll, which remains the guarantee.
 */
export class PostgresDoorbell {
  private ringing: Promise<void> | undefined;
  private again = false;

  constructor(private readonly pool: Pool) {}

  ring(): void {
    if (this.ringing) {
      this.again = true;
      return;
    }
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

  /** Waits for the ring on its way (and the one folded behind it), so closing the pool loses none. */
  async quiet(): Promise<void> {
    while (this.ringing) await this.ringing;
  }
}

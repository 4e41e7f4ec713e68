import type { Notification, Pool, PoolClient } from 'pg';
import { TIMER_CHANNEL } from './timer-table';

/**
 * LISTENs on the timer channel so a timer scheduled by any process for "in 50 ms" wakes the loop in time
 * instead of at the next poll. Notifications are only a shortcut: when the connection breaks, the loop keeps
 * polling and `ensure` reconnects on a later round. The connection is held from the scheduler's pool.
 */
export class TimerListener {
  private held: { client: PoolClient; release: (error?: Error) => void } | undefined;
  private connecting: Promise<void> | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly queue: string,
    private readonly onReady: (epochMs: number) => void,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Connects if not connected; never throws (the failure goes to onError, polling carries on). */
  ensure(): Promise<void> {
    if (this.held) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  async close(): Promise<void> {
    await this.connecting;
    const held = this.held;
    if (!held) return;
    const unlistened = await held.client.query(`UNLISTEN ${TIMER_CHANNEL}`).then(
      () => true,
      () => false,
    );
    // A connection still listening must not go back to the pool for someone else's queries.
    held.release(unlistened ? undefined : new Error('UNLISTEN failed'));
  }

  private async connect(): Promise<void> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      this.onError(error);
      return;
    }
    let released = false;
    const release = (error?: Error) => {
      if (released) return;
      released = true;
      if (this.held?.client === client) this.held = undefined;
      client.removeListener('notification', notified);
      client.removeListener('error', failed);
      client.release(error);
    };
    const notified = (message: Notification) => this.notified(message);
    const failed = (error: Error) => {
      this.onError(error);
      release(error);
    };
    client.on('notification', notified);
    client.on('error', failed);
    try {
      await client.query(`LISTEN ${TIMER_CHANNEL}`);
      this.held = { client, release };
    } catch (error) {
      this.onError(error);
      release(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private notified(message: Notification): void {
    const [queue, readyAt] = (message.payload ?? '').split('\n');
    if (queue !== this.queue) return;
    const epochMs = Number(readyAt);
    if (Number.isFinite(epochMs)) this.onReady(epochMs);
  }
}

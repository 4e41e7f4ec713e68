import { Client } from 'pg';
import type { SubscribeOptions, Subscription } from '../event-store.port';
import type { ReadAllOptions } from '../event-store.port';
import type { RecordedEvent } from '../envelope';

interface GlobalReader {
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
}

const CHANNEL = 'event_store_events';

/**
 * Catches up in batches, then follows: a NOTIFY sent at each append's commit wakes it at once, and it polls
 * anyway every pollIntervalMs, because a notification can be missed (listener reconnecting) and because a
 * committed event stays invisible while an older transaction is still open (see the adapter's xmin rule).
 */
export class PostgresSubscription implements Subscription {
  readonly closed: Promise<void>;
  private stopped = false;
  private wake: (() => void) | undefined;
  private listener: Client | undefined;

  constructor(
    private readonly reader: GlobalReader,
    private readonly connectionString: string,
    private readonly options: SubscribeOptions,
    private readonly pollIntervalMs: number,
  ) {
    this.closed = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.closed.catch(() => undefined);
  }

  private async run(): Promise<void> {
    const batchSize = this.options.batchSize ?? 500;
    let after = this.options.after;
    await this.listen();
    try {
      while (!this.stopped) {
        const batch = await this.reader.readAll({ ...(after === undefined ? {} : { after }), maxCount: batchSize });
        for (const event of batch) {
          if (this.stopped) return;
          await this.options.onEvent(event);
          after = event.checkpoint;
        }
        if (batch.length < batchSize && !this.stopped) await this.idle();
      }
    } finally {
      await this.listener?.end().catch(() => undefined);
    }
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.pollIntervalMs);
      const wake = () => done();
      this.wake = wake;
      function done() {
        clearTimeout(timer);
        resolve();
      }
    });
  }

  /** LISTEN is an optimisation; if it cannot connect, polling alone still delivers every event. */
  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.connectionString, application_name: 'event-store-listener' });
    client.on('error', () => {
      this.listener = undefined;
    });
    client.on('notification', () => this.wake?.());
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      this.listener = client;
    } catch {
      await client.end().catch(() => undefined);
    }
  }
}

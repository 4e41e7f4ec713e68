import { EVENTS_CHANNEL } from '@incident/event-store';
import { Client } from 'pg';

/** Lets idle runners sleep until the log may have grown. */
export interface WakeUp {
  /** Resolves on a sign of new events, or after `timeoutMs` whatever happens. */
  wait(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

/** Polling only: for EventStoreDB, or when no LISTEN connection is wanted. */
export class PollingWakeUp implements WakeUp {
  private readonly waiters = new Set<() => void>();

  wait(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
    });
  }

  async close(): Promise<void> {
    for (const wake of [...this.waiters]) wake();
  }

  /** Wakes every waiter now. */
  wakeAll(): void {
    for (const wake of [...this.waiters]) wake();
  }
}

/**
 * The PostgreSQL store NOTIFYs at every append's commit; one LISTEN connection per process wakes every runner.
 * A notification can be missed (reconnecting) and a committed event can stay invisible behind an older open
 * transaction, so the poll timeout remains the guarantee and LISTEN only makes the common case fast.
 */
export class ListeningWakeUp implements WakeUp {
  private readonly sleepers = new PollingWakeUp();
  private client: Client | undefined;
  private lastAttempt = 0;
  private closed = false;

  constructor(private readonly connectionString: string) {}

  async wait(timeoutMs: number): Promise<void> {
    if (!this.client && Date.now() - this.lastAttempt > 5_000) await this.listen();
    if (!this.closed) await this.sleepers.wait(timeoutMs);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.sleepers.close();
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
  }

  private async listen(): Promise<void> {
    this.lastAttempt = Date.now();
    const client = new Client({ connectionString: this.connectionString, application_name: 'read-models-listener' });
    client.on('error', () => {
      if (this.client === client) this.client = undefined;
    });
    client.on('notification', () => this.sleepers.wakeAll());
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
      if (this.closed) await client.end();
      else this.client = client;
    } catch {
      await client.end().catch(() => undefined);
    }
  }
}

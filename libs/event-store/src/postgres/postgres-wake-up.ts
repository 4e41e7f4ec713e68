import { Client } from 'pg';
import { WakeUp, type LogWakeUp } from '../follower/wake-up';
import { EVENTS_CHANNEL } from './postgres-migrations';

/** How long after a failed LISTEN connection the next attempt waits (meanwhile the follower polls). */
const RECONNECT_MS = 5_000;

/**
 * Wakes a follower at each append's commit: the store NOTIFYs on EVENTS_CHANNEL, this LISTENs on a connection
 * of its own. LISTEN is only an optimisation (a notification can be missed while reconnecting, and an event
 * can stay invisible behind an older open transaction), so the follower's poll interval remains the guarantee.
 */
export class PostgresWakeUp implements LogWakeUp {
  private readonly doorbell = new WakeUp();
  private client: Client | undefined;
  private lastAttempt = 0;
  private closed = false;

  constructor(
    private readonly connectionString: string,
    private readonly applicationName = 'event-store-listener',
  ) {}

  async wait(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (!this.client && !this.closed && Date.now() - this.lastAttempt > RECONNECT_MS) {
      // Whatever was committed before LISTEN took effect went unannounced: read once more instead of sleeping.
      if (await this.listen()) return;
    }
    await this.doorbell.wait(timeoutMs, signal);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.doorbell.close();
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
  }

  private async listen(): Promise<boolean> {
    this.lastAttempt = Date.now();
    const client = new Client({ connectionString: this.connectionString, application_name: this.applicationName });
    client.on('error', () => {
      if (this.client === client) this.client = undefined;
    });
    client.on('end', () => {
      if (this.client === client) this.client = undefined;
    });
    client.on('notification', () => this.doorbell.ring());
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
    } catch {
      await client.end().catch(() => undefined);
      return false;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return false;
    }
    this.client = client;
    return true;
  }
}

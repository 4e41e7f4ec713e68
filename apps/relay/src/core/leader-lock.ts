import { Client } from 'pg';
import type { Logger } from 'pino';
import { finishesWithin, pause } from '@incident/event-store';

/** First key of the two-key advisory lock: keeps clear of single-key locks (the event store's migrations). */
export const RELAY_LOCK_NAMESPACE = 0x52_45_4c_41; // "RELA"

export interface LeaderLockOptions {
  readonly connectionString: string;
  /** One active relay per name (the relay uses its target topic). */
  readonly name: string;
  /** How often a standby retries the lock, and how often the holder checks its session still answers. */
  readonly pollMs: number;
  readonly logger: Logger;
}

/**
 * One active relay at a time: a PostgreSQL session advisory lock, held on a connection of its own. A session
 * lock lives exactly as long as its session, so a relay that dies (SIGKILL, host gone, connection cut) lets go
 * without anyone's help, and a standby polling pg_try_advisory_lock takes over.
 *
 * Single use: one instance per term of office. Once `lost` has aborted, release it and make a new one.
 */
export class LeaderLock {
  private client: Client | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private releasing = false;
  private readonly lostController = new AbortController();

  constructor(private readonly options: LeaderLockOptions) {}

  /** Aborts when the lock's session is gone or stops answering: the holder must stop publishing at once. */
  get lost(): AbortSignal {
    return this.lostController.signal;
  }

  /**
   * The session that holds the lock. The relay writes its checkpoint through it, so a relay whose session has
   * died (and whose lock another relay may already hold) cannot write a checkpoint any more.
   */
  get session(): Client {
    if (!this.client || !this.heartbeat) throw new Error('the relay lock is not held');
    return this.client;
  }

  /** Polls until the lock is held (true) or the signal aborts (false); a failing connection is replaced. */
  async acquire(signal: AbortSignal): Promise<boolean> {
    while (!signal.aborted) {
      try {
        this.client ??= await this.connect();
        const result = await this.client.query<{ locked: boolean }>(
          'SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked',
          [RELAY_LOCK_NAMESPACE, this.options.name],
        );
        if (result.rows[0]?.locked) {
          this.watch(this.client);
          return true;
        }
      } catch (error) {
        this.options.logger.warn({ err: error }, 'relay lock: cannot reach PostgreSQL; retrying');
        await this.endClient();
      }
      await pause(this.options.pollMs, signal);
    }
    return false;
  }

  /** Ends the session, which releases the lock (an explicit unlock first, when the session still answers). */
  async release(): Promise<void> {
    this.releasing = true;
    clearInterval(this.heartbeat);
    if (this.client && !this.lost.aborted) {
      await this.client
        .query('SELECT pg_advisory_unlock($1, hashtext($2))', [RELAY_LOCK_NAMESPACE, this.options.name])
        .catch(() => undefined);
    }
    await this.endClient();
  }

  private async connect(): Promise<Client> {
    const client = new Client({
      connectionString: this.options.connectionString,
      application_name: 'relay-lock',
      keepAlive: true,
      connectionTimeoutMillis: 5_000,
      // A session that does not answer within this is treated as lost (see watch()).
      query_timeout: Math.max(5_000, this.options.pollMs * 5),
    });
    // An 'error' without a listener would crash the process; before the lock is held the next query fails anyway.
    client.on('error', (error) => this.loseLock(`session error: ${error.message}`));
    client.on('end', () => this.loseLock('session ended'));
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    return client;
  }

  /** While held, a `SELECT 1` every pollMs: a connection cut without a FIN is only noticed by talking on it. */
  private watch(client: Client): void {
    let beating = false;
    this.heartbeat = setInterval(() => {
      if (beating) return;
      beating = true;
      client
        .query('SELECT 1')
        .catch((error: unknown) => this.loseLock(`heartbeat failed: ${(error as Error).message}`))
        .finally(() => (beating = false));
    }, this.options.pollMs);
  }

  private loseLock(reason: string): void {
    // Errors before the lock is held only mean "reconnect"; after release they mean nothing.
    if (!this.heartbeat || this.releasing || this.lost.aborted) return;
    clearInterval(this.heartbeat);
    this.options.logger.error({ reason }, 'relay lock lost: stopping publication');
    this.lostController.abort(new Error(`relay lock lost: ${reason}`));
  }

  private async endClient(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    // end() waits for the server's goodbye; a dead connection may never send one.
    await finishesWithin(
      client.end().catch(() => undefined),
      2_000,
    );
  }
}

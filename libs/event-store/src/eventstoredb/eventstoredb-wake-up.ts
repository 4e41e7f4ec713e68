import { END, type AllStreamSubscription, type KurrentDBClient } from '@kurrent/kurrentdb-client';
import { WakeUp, type LogWakeUp } from '../follower/wake-up';
import { isUserEvent, systemEventsFilter } from './system-events';

/** How long after a live subscription failed the next one is opened (meanwhile the follower polls). */
const RESUBSCRIBE_MS = 5_000;

/**
 * Wakes a follower when EventStoreDB commits a user event: a live subscription to the end of $all, used only
 * as a doorbell (the follower still reads pages with readAll, from its own checkpoint). Like NOTIFY on
 * PostgreSQL it is an optimisation; a dropped subscription costs a poll interval, never an event.
 */
export class EventStoreDbWakeUp implements LogWakeUp {
  private readonly doorbell = new WakeUp();
  private subscription: AllStreamSubscription | undefined;
  private lastAttempt = 0;
  private closed = false;

  constructor(private readonly client: KurrentDBClient) {}

  async wait(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (!this.subscription && !this.closed && Date.now() - this.lastAttempt > RESUBSCRIBE_MS) {
      // Anything committed before the subscription started went unannounced: read once more instead of sleeping.
      this.watch();
      return;
    }
    await this.doorbell.wait(timeoutMs, signal);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.doorbell.close();
    await this.subscription?.unsubscribe().catch(() => undefined);
    this.subscription = undefined;
  }

  private watch(): void {
    this.lastAttempt = Date.now();
    const subscription = this.client.subscribeToAll({ fromPosition: END, filter: systemEventsFilter() });
    const forget = () => {
      if (this.subscription === subscription) this.subscription = undefined;
    };
    // The client reports connection failures on the stream itself; unheard, they would crash the process.
    subscription.on('error', forget);
    subscription.on('close', forget);
    subscription.on('data', (resolved: { event?: { streamId: string; type: string } }) => {
      if (resolved.event && isUserEvent(resolved.event)) this.doorbell.ring();
    });
    this.subscription = subscription;
  }
}

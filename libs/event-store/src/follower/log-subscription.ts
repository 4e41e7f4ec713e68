import type { EventStore, SubscribeOptions, Subscription } from '../event-store.port';
import { GlobalLogFollower } from './global-log-follower';
import type { LogWakeUp } from './wake-up';

const READER = 'subscription';

/**
 * A store's subscribe(), for every adapter: a GlobalLogFollower with one reader whose checkpoint lives in
 * memory and moves after each event handled. It catches up in pages, then waits on the store's wake-up (a
 * NOTIFY, a live subscription) or polls every `idlePollMs`, because a sign of new events can be missed and a
 * committed event can stay invisible for a while (see the PostgreSQL adapter's xmin rule).
 */
export class LogSubscription implements Subscription {
  readonly closed: Promise<void>;
  private readonly stopping = new AbortController();
  private after: string | undefined;

  constructor(
    store: Pick<EventStore, 'readAll'>,
    wakeUp: LogWakeUp,
    options: SubscribeOptions & { readonly idlePollMs: number; readonly hiddenEvents?: () => Promise<number> },
  ) {
    this.after = options.after;
    const follower = new GlobalLogFollower({
      store,
      readers: [READER],
      batchSize: options.batchSize ?? 500,
      idlePollMs: options.idlePollMs,
      wakeUp,
      ...(options.hiddenEvents ? { hiddenEvents: options.hiddenEvents } : {}),
      positions: async () => new Map([[READER, this.after]]),
      handle: async (_reader, page, signal) => {
        for (const event of page.events) {
          if (signal.aborted) return;
          await options.onEvent(event);
          this.after = event.checkpoint;
        }
      },
      // The port's contract: a failure ends the subscription with that error, for the caller to decide.
      onError: ({ error }) => {
        throw error;
      },
    });
    this.closed = follower.follow(this.stopping.signal).finally(() => wakeUp.close());
    // Callers that never look at `closed` must not see an unhandled rejection; those that do still get it.
    this.closed.catch(() => undefined);
  }

  /** Stops after the event in hand; resolves once stopped. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.closed.catch(() => undefined);
  }
}

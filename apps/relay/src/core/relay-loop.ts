import {
  GlobalLogFollower,
  hiddenEvents,
  type EventStore,
  type FollowerFailure,
  type LogWakeUp,
  type RecordedEvent,
} from '@incident/event-store';
import type { CheckpointStore, StoredCheckpoint } from './checkpoint-store';
import type { RelayMetrics } from './relay-metrics';

export interface PagePublisher {
  /** True once the broker acknowledged the whole page; false if `signal` aborted first. */
  publish(events: readonly RecordedEvent[], signal: AbortSignal): Promise<boolean>;
}

export interface RelayLoopOptions {
  readonly store: Pick<EventStore, 'readAll'>;
  readonly publisher: PagePublisher;
  readonly checkpoints: Pick<CheckpointStore, 'save'>;
  readonly batchSize: number;
  readonly idlePollMs: number;
  readonly wakeUp: LogWakeUp;
  readonly metrics: Pick<RelayMetrics, 'published'>;
  /** A page that could not be read or recorded; the loop backs off and tries it again. */
  readonly onError?: (failure: FollowerFailure) => void;
}

export interface LoopSignals {
  /** Shutdown: finish the page in hand (record its checkpoint once acknowledged), then return. */
  readonly stop: AbortSignal;
  /** The lock is gone and another relay may be active: return at once, write nothing more. */
  readonly lost: AbortSignal;
  /** Either of the two. */
  readonly halt: AbortSignal;
}

const RELAY = 'relay';

/**
 * One term of the active relay, as a reader of the store's GlobalLogFollower: each page of the global log
 * after the checkpoint is published as one request, and only once the broker has acknowledged it does the
 * durable checkpoint move past it. A crash anywhere in between leaves the checkpoint behind what was sent,
 * never ahead: the page is sent again by the next active relay (at-least-once; consumers drop what they have
 * seen by event id or stream revision). Pages rather than the store's subscribe(), which hands over one event
 * at a time: one producer request and one checkpoint write per page, not per event.
 *
 * The checkpoint is read once per term (only the lock holder writes it) and kept here after each write. When
 * caught up the follower waits for the store's NOTIFY (rung through `wakeUp`) or idlePollMs; a page that fails
 * to be read or recorded is retried with backoff, from the same checkpoint, until the term ends.
 */
export async function runRelayLoop(
  options: RelayLoopOptions,
  start: StoredCheckpoint,
  signals: LoopSignals,
): Promise<void> {
  const { publisher, checkpoints, metrics } = options;
  let after = start.checkpoint;
  let publishedPosition = start.publishedPosition;
  const follower = new GlobalLogFollower({
    store: options.store,
    readers: [RELAY],
    batchSize: options.batchSize,
    idlePollMs: options.idlePollMs,
    wakeUp: options.wakeUp,
    hiddenEvents: () => hiddenEvents(options.store),
    backoff: { initialMs: 250, maxMs: 5_000 },
    positions: async () => new Map([[RELAY, after]]),
    handle: async (_reader, page) => {
      // Retrying ends on shutdown or a lost lock; a request already on its way that is acknowledged still counts.
      if (!(await publisher.publish(page.events, signals.halt))) return;
      metrics.published(page.events.length);
      let highest = publishedPosition;
      for (const event of page.events) if (event.globalPosition > highest) highest = event.globalPosition;
      publishedPosition = highest;
      // Without the lock the session is gone (the write would fail anyway); the next relay resends this page.
      if (signals.lost.aborted) return;
      const last = page.events[page.events.length - 1] as RecordedEvent;
      await checkpoints.save(last.checkpoint, publishedPosition);
      after = last.checkpoint;
    },
    ...(options.onError ? { onError: options.onError } : {}),
  });
  await follower.follow(signals.halt);
}

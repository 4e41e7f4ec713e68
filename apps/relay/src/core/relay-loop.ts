import type { EventStore, RecordedEvent } from '@incident/event-store';
import type { CheckpointStore, StoredCheckpoint } from './checkpoint-store';
import type { RelayMetrics } from './relay-metrics';
import type { WakeUp } from './wake-up';

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
  readonly wakeUp: WakeUp;
  readonly metrics: Pick<RelayMetrics, 'published'>;
}

export interface LoopSignals {
  /** Shutdown: finish the page in hand (record its checkpoint once acknowledged), then return. */
  readonly stop: AbortSignal;
  /** The lock is gone and another relay may be active: return at once, write nothing more. */
  readonly lost: AbortSignal;
  /** Either of the two. */
  readonly halt: AbortSignal;
}

/**
 * One term of the active relay: read a page of the global log after the checkpoint, publish it as one
 * request, and only once the broker has acknowledged it move the durable checkpoint past it. A crash
 * anywhere in between leaves the checkpoint behind what was sent, never ahead: the page is sent again by the
 * next active relay (at-least-once; consumers drop what they have seen by event id or stream revision).
 *
 * Why our own loop over readAll pages and not the store's subscribe(): subscribe hands over one event at a
 * time and would make a producer request and a checkpoint write per event. Pages give one request and one
 * checkpoint write per batch. The loop sleeps only when a read comes back empty, until the store's
 * NOTIFY rings the WakeUp (PostgreSQL store) or idlePollMs passes (the fallback: a notification can be
 * missed, an event stays invisible behind an older open transaction, and EventStoreDB sends none).
 * Throws on store or checkpoint errors: the caller ends the term and competes for the lock again.
 */
export async function runRelayLoop(
  options: RelayLoopOptions,
  start: StoredCheckpoint,
  signals: LoopSignals,
): Promise<void> {
  const { store, publisher, checkpoints, metrics } = options;
  let after = start.checkpoint;
  let publishedPosition = start.publishedPosition;
  while (!signals.halt.aborted) {
    const page = await store.readAll({ ...(after === undefined ? {} : { after }), maxCount: options.batchSize });
    if (page.length === 0) {
      await options.wakeUp.wait(options.idlePollMs, signals.halt);
      continue;
    }
    // Retrying ends on shutdown or a lost lock; a request already on its way that is acknowledged still counts.
    if (!(await publisher.publish(page, signals.halt))) return;
    metrics.published(page.length);
    for (const event of page) if (event.globalPosition > publishedPosition) publishedPosition = event.globalPosition;
    // Without the lock the session is gone (the write would fail anyway); the next relay resends this page.
    if (signals.lost.aborted) return;
    const last = page[page.length - 1] as RecordedEvent;
    await checkpoints.save(last.checkpoint, publishedPosition);
    after = last.checkpoint;
  }
}

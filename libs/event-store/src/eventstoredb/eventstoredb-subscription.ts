import { START, type AllStreamSubscription, type KurrentDBClient } from '@kurrent/kurrentdb-client';
import type { SubscribeOptions, Subscription } from '../event-store.port';
import { compareEventStoreDbPositions, parseEventStoreDbCheckpoint } from './eventstoredb-checkpoint';
import { fromRecorded } from './eventstoredb-mapping';
import { isUserEvent, systemEventsFilter } from './system-events';

/**
 * A catch-up subscription to $all: the server replays from the checkpoint, then streams live appends on the
 * same call. Pulling through the async iterator hands events over one at a time and lets the stream's
 * backpressure (batchSize is its buffer) hold the server back while a handler is busy.
 */
export class EventStoreDbSubscription implements Subscription {
  readonly closed: Promise<void>;
  private stopping = false;
  private stream: AllStreamSubscription | undefined;

  constructor(
    private readonly client: KurrentDBClient,
    private readonly options: SubscribeOptions,
  ) {
    this.closed = this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    // The loop may be waiting for the next event, which could be a long time coming; destroying the stream
    // wakes it. An event being handled finishes first: the loop only looks at the stream again afterwards.
    this.stream?.destroy();
    await this.closed.catch(() => undefined);
  }

  private async run(): Promise<void> {
    const after = this.options.after === undefined ? undefined : parseEventStoreDbCheckpoint(this.options.after);
    const stream = this.client.subscribeToAll(
      { fromPosition: after ?? START, filter: systemEventsFilter() },
      { highWaterMark: this.options.batchSize ?? 500 },
    );
    this.stream = stream;
    // The client emits connection errors on the stream itself; once the loop has let go of it, an error with
    // no listener would crash the process.
    stream.on('error', () => undefined);
    let handling = false;
    try {
      for await (const resolved of stream) {
        if (this.stopping) break;
        const record = resolved.event;
        if (!record || !isUserEvent(record)) continue;
        // The server starts after the position already; this keeps "exclusive" true whatever it does.
        if (after && compareEventStoreDbPositions(record.position, after) <= 0) continue;
        handling = true;
        await this.options.onEvent(fromRecorded(record));
        handling = false;
      }
    } catch (error) {
      // Destroying the stream in stop() surfaces as a premature-close error: that is the stop, not a failure.
      if (!this.stopping || handling) throw error;
    } finally {
      await stream.unsubscribe().catch(() => undefined);
    }
  }
}

import { randomUUID } from 'node:crypto';
import type { EventStore, NewEvent } from '@incident/event-store';
import { incidentStreamId } from '@incident/domain';

export interface Appended {
  readonly id: string;
  readonly streamId: string;
  readonly revision: number;
}

/** Appends test events to a fixed set of incident streams, one event per append, recording what it wrote. */
export class Appender {
  readonly appended: Appended[] = [];
  private readonly streams: string[];
  private readonly revisions = new Map<string, number>();
  /** The last append to each stream: the next one waits for it, so a stream's appends never race. */
  private readonly tails = new Map<string, Promise<void>>();
  private next = 0;
  private background: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly store: Pick<EventStore, 'append' | 'readStream'>,
    streamCount: number,
  ) {
    this.streams = Array.from({ length: streamCount }, () => incidentStreamId(randomUUID()));
  }

  /** Appends `count` events round-robin over the streams, `concurrency` streams at a time. */
  async append(count: number, concurrency = 8): Promise<void> {
    let remaining = count;
    const worker = async () => {
      while (remaining > 0) {
        remaining--;
        await this.appendOne();
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  }

  /** Keeps appending, one event every `intervalMs`, until stopBackground(). */
  startBackground(intervalMs: number): void {
    this.stopped = false;
    this.background = (async () => {
      while (!this.stopped) {
        await this.appendOne();
        await new Promise((resolve) => setTimeout(resolve, intervalMs));
      }
    })();
  }

  async stopBackground(): Promise<void> {
    this.stopped = true;
    await this.background;
  }

  private appendOne(): Promise<void> {
    const streamId = this.streams[this.next++ % this.streams.length] as string;
    const tail = (this.tails.get(streamId) ?? Promise.resolve()).then(() => this.appendTo(streamId));
    this.tails.set(streamId, tail);
    return tail;
  }

  private async appendTo(streamId: string): Promise<void> {
    const expected = this.revisions.get(streamId) ?? 'no_stream';
    this.revisions.set(streamId, expected === 'no_stream' ? 0 : expected + 1);
    const event: NewEvent = {
      type: 'RelayTestEvent',
      data: { streamId, at: Date.now() },
      metadata: {
        occurredAt: new Date().toISOString(),
        actor: { kind: 'system', id: 'relay-test' },
        correlationId: randomUUID(),
      },
    };
    const { nextExpectedRevision } = await this.store.append(streamId, [event], expected);
    // The store draws event ids; the one to look for on the topic is read back.
    const [stored] = await this.store.readStream(streamId, { fromRevision: nextExpectedRevision, maxCount: 1 });
    if (!stored) throw new Error(`${streamId}: revision ${nextExpectedRevision} not found right after appending it`);
    const id = stored.id;
    this.appended.push({ id, streamId, revision: expected === 'no_stream' ? 0 : expected + 1 });
  }
}

import { randomUUID } from 'node:crypto';
import type { AppendResult, ExpectedRevision, NewEvent, PreparedEvent, RecordedEvent } from './envelope';
import { StreamNotFound, WrongExpectedRevision } from './errors';
import type {
  EventStore,
  EventStoreAdapter,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeOptions,
} from './event-store.port';
import { GENESIS_HASH, hashEvent, verifyChain, type VerificationResult } from './hash-chain';
import { UpcasterRegistry, type Upcaster } from './upcasting';

export interface EventStoreOptions {
  readonly upcasters?: readonly Upcaster[];
  /** The clock that stamps recordedAt; injectable so tests can pin it. */
  readonly now?: () => Date;
  /** How often an `any` append re-reads the stream's tail when another writer got there first. */
  readonly maxAnyAppendAttempts?: number;
}

/**
 * The one place where events are chained on append and upcast on read, for whichever adapter stores them.
 * Appending reads the stream's last event for its hash and revision, then appends with that exact revision,
 * so two writers can never chain onto the same predecessor.
 */
export class HashChainedEventStore implements EventStore {
  private readonly upcasters: UpcasterRegistry;
  private readonly now: () => Date;
  private readonly maxAnyAppendAttempts: number;

  constructor(
    readonly adapter: EventStoreAdapter,
    options: EventStoreOptions = {},
  ) {
    this.upcasters = new UpcasterRegistry(options.upcasters);
    this.now = options.now ?? (() => new Date());
    this.maxAnyAppendAttempts = options.maxAnyAppendAttempts ?? 10;
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) throw new Error(`append to ${streamId} with no events`);
    for (let attempt = 1; ; attempt++) {
      const tail = await this.lastStoredEvent(streamId);
      const actual = tail ? tail.streamRevision : 'no_stream';
      if (expected !== 'any' && expected !== actual) throw new WrongExpectedRevision(streamId, expected, actual);
      try {
        return await this.adapter.append(streamId, this.prepare(streamId, events, tail), actual);
      } catch (error) {
        const retry =
          expected === 'any' && error instanceof WrongExpectedRevision && attempt < this.maxAnyAppendAttempts;
        if (!retry) throw error;
      }
    }
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return (await this.adapter.readStream(streamId, options)).map((event) => this.upcasters.upcast(event));
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    return (await this.adapter.readAll(options)).map((event) => this.upcasters.upcast(event));
  }

  subscribe(options: SubscribeOptions) {
    return this.adapter.subscribe({ ...options, onEvent: (event) => options.onEvent(this.upcasters.upcast(event)) });
  }

  /** Recomputes the stream's hash chain over the events exactly as stored (before any upcasting). */
  async verifyStream(streamId: string): Promise<VerificationResult> {
    const events: RecordedEvent[] = [];
    const pageSize = 1000;
    for (;;) {
      const page = await this.adapter.readStream(streamId, { fromRevision: events.length, maxCount: pageSize });
      events.push(...page);
      if (page.length < pageSize) break;
    }
    return verifyChain(events);
  }

  close(): Promise<void> {
    return this.adapter.close();
  }

  private async lastStoredEvent(streamId: string): Promise<RecordedEvent | undefined> {
    try {
      const [last] = await this.adapter.readStream(streamId, { direction: 'backwards', maxCount: 1 });
      return last;
    } catch (error) {
      if (error instanceof StreamNotFound) return undefined;
      throw error;
    }
  }

  private prepare(streamId: string, events: readonly NewEvent[], tail: RecordedEvent | undefined): PreparedEvent[] {
    const recordedAt = this.now().toISOString();
    let prevHash = tail?.metadata.hash ?? GENESIS_HASH;
    let revision = tail ? tail.streamRevision : -1;
    return events.map((event) => {
      revision += 1;
      const unhashed = {
        id: event.id ?? randomUUID(),
        type: event.type,
        // Unversioned events are today's shape; stamping 1 would send them through old upcasters on read.
        schemaVersion: event.schemaVersion ?? this.upcasters.currentVersion(event.type),
        data: event.data,
        metadata: {
          occurredAt: event.metadata.occurredAt,
          recordedAt,
          actor: event.metadata.actor,
          correlationId: event.metadata.correlationId,
          causationId: event.metadata.causationId ?? null,
          prevHash,
        },
      };
      const hash = hashEvent(unhashed, streamId, revision);
      prevHash = hash;
      return { ...unhashed, metadata: { ...unhashed.metadata, hash } };
    });
  }
}

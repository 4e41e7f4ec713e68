import { randomUUID } from 'node:crypto';
import type {
  Actor,
  AppendResult,
  EventMetadata,
  ExpectedRevision,
  NewEvent,
  PreparedEvent,
  RecordedEvent,
} from './envelope';
import { StreamNotFound, WrongExpectedRevision } from './errors';
import type {
  EventStore,
  EventStoreAdapter,
  LoggedHead,
  ReadAllOptions,
  ReadStreamOptions,
  StreamAppend,
  SubscribeOptions,
} from './event-store.port';
import { keepEncoding } from './encoded-events';
import { GENESIS_HASH, sealEvent, verifyChain, type VerificationResult } from './hash-chain';
import { type ChainTail, TailCache } from './tail-cache';
import { INCIDENT_UPCASTERS } from './upcasters/incident-upcasters';
import { UpcasterRegistry, type Upcaster } from './upcasting';

export interface EventStoreOptions {
  /**
   * Defaults to the platform's (INCIDENT_UPCASTERS): they also say which schema version each type is written in
   * today, and a store that stamped an IncidentOpened of today's shape as v1 would have it mangled on read.
   */
  readonly upcasters?: readonly Upcaster[];
  /** The clock that stamps recordedAt; injectable so tests can pin it. */
  readonly now?: () => Date;
  /** How often an `any` append re-reads the stream's tail when another writer got there first. */
  readonly maxAnyAppendAttempts?: number;
  /** How many streams' last hashes to remember (see TailCache); 0 turns the cache off. */
  readonly tailCacheSize?: number;
}

/**
 * The one place where events are chained on append and upcast on read, for whichever adapter stores them.
 * Appending takes the stream's last event's hash and revision (remembered from this process's own appends and
 * reads when it expects that very revision, read from the store otherwise), then appends with that exact
 * revision, so two writers can never chain onto the same predecessor.
 */
export class HashChainedEventStore implements EventStore {
  private readonly upcasters: UpcasterRegistry;
  private readonly now: () => Date;
  private readonly maxAnyAppendAttempts: number;
  private readonly tails: TailCache | undefined;
  /** Present when the adapter can append to several streams at once (see EventStore.appendAtomically). */
  readonly appendAtomically?: (appends: readonly StreamAppend<NewEvent>[]) => Promise<AppendResult[]>;
  /** Present when the adapter has it; heads are not upcast (an upcaster changes data, never the hash). */
  readonly readAllHeads?: (options: ReadAllOptions) => Promise<LoggedHead[]>;

  constructor(
    readonly adapter: EventStoreAdapter,
    options: EventStoreOptions = {},
  ) {
    this.upcasters = new UpcasterRegistry(options.upcasters ?? INCIDENT_UPCASTERS);
    this.now = options.now ?? (() => new Date());
    this.maxAnyAppendAttempts = options.maxAnyAppendAttempts ?? 10;
    const tailCacheSize = options.tailCacheSize ?? 10_000;
    this.tails = tailCacheSize > 0 ? new TailCache(tailCacheSize) : undefined;
    const atomically = adapter.appendAtomically?.bind(adapter);
    if (atomically) this.appendAtomically = (appends) => this.chainAtomically(appends, atomically);
    this.readAllHeads = adapter.readAllHeads?.bind(adapter);
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) throw new Error(`append to ${streamId} with no events`);
    refuseCallerIds(streamId, events);
    for (let attempt = 1; ; attempt++) {
      const tail = await this.tailFor(streamId, expected);
      const actual = tail ? tail.revision : 'no_stream';
      if (expected !== 'any' && expected !== actual) throw new WrongExpectedRevision(streamId, expected, actual);
      const prepared = this.prepare(streamId, events, tail);
      try {
        const result = await this.adapter.append(streamId, prepared, actual);
        const last = prepared[prepared.length - 1] as PreparedEvent;
        this.tails?.remember(streamId, { revision: result.nextExpectedRevision, hash: last.metadata.hash });
        return result;
      } catch (error) {
        const retry =
          expected === 'any' && error instanceof WrongExpectedRevision && attempt < this.maxAnyAppendAttempts;
        if (!retry) throw error;
      }
    }
  }

  /**
   * Each stream chained onto its own tail, as append does; the expected revisions checked here and again by the
   * adapter, and no retry for `any` (a conflict throws: the caller decides again on what it reads).
   */
  private async chainAtomically(
    appends: readonly StreamAppend<NewEvent>[],
    write: (prepared: readonly StreamAppend<PreparedEvent>[]) => Promise<AppendResult[]>,
  ): Promise<AppendResult[]> {
    const prepared: StreamAppend<PreparedEvent>[] = [];
    for (const { streamId, events, expected } of appends) {
      if (events.length === 0) throw new Error(`append to ${streamId} with no events`);
      if (appends.filter((other) => other.streamId === streamId).length > 1) {
        throw new Error(`append to ${streamId}: one stream twice in one atomic append`);
      }
      refuseCallerIds(streamId, events);
      const tail = await this.tailFor(streamId, expected);
      const actual = tail ? tail.revision : 'no_stream';
      if (expected !== 'any' && expected !== actual) throw new WrongExpectedRevision(streamId, expected, actual);
      prepared.push({ streamId, events: this.prepare(streamId, events, tail), expected: actual });
    }
    const results = await write(prepared);
    results.forEach((result, index) => {
      const append = prepared[index];
      const last = append?.events.at(-1);
      if (append && last) {
        this.tails?.remember(append.streamId, { revision: result.nextExpectedRevision, hash: last.metadata.hash });
      }
    });
    return results;
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    const events = await this.adapter.readStream(streamId, options);
    // Only the newest event read can be a tail worth remembering; forwards it is the last, backwards the first.
    const newest = options?.direction === 'backwards' ? events[0] : events.at(-1);
    if (newest) this.rememberTail(newest);
    return events.map((event) => this.upcasters.upcast(event));
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    return (await this.adapter.readAll(options)).map((event) => this.upcasters.upcast(event));
  }

  head() {
    return this.adapter.head();
  }

  wakeUp() {
    return this.adapter.wakeUp();
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

  /**
   * The tail to chain onto: none for a new stream, the remembered one when the caller expects exactly that
   * revision, else the stream's last event read from the store (the caller's expectation is checked against it).
   */
  private async tailFor(streamId: string, expected: ExpectedRevision): Promise<ChainTail | undefined> {
    if (expected === 'no_stream') return undefined;
    const hash = typeof expected === 'number' ? this.tails?.hashAt(streamId, expected) : undefined;
    if (hash !== undefined) return { revision: expected as number, hash };
    try {
      const [last] = await this.adapter.readStream(streamId, { direction: 'backwards', maxCount: 1 });
      if (last) this.rememberTail(last);
      return last && { revision: last.streamRevision, hash: last.metadata.hash };
    } catch (error) {
      if (error instanceof StreamNotFound) return undefined;
      throw error;
    }
  }

  private rememberTail(event: RecordedEvent): void {
    // Only events as stored carry their hash; an event missing one (written around this class) is not chained on.
    if (typeof event.metadata.hash === 'string')
      this.tails?.remember(event.streamId, { revision: event.streamRevision, hash: event.metadata.hash });
  }

  private prepare(streamId: string, events: readonly NewEvent[], tail: ChainTail | undefined): PreparedEvent[] {
    const recordedAt = this.now().toISOString();
    let prevHash = tail?.hash ?? GENESIS_HASH;
    let revision = tail ? tail.revision : -1;
    return events.map((event) => {
      revision += 1;
      const metadata: Omit<EventMetadata, 'hash'> & { hash?: string } = canonicalMetadata(event, prevHash, recordedAt);
      const unhashed = {
        id: randomUUID(),
        type: event.type,
        // The one place versions are stamped: unversioned events are today's shape, and stamping 1 would send
        // them through old upcasters on read. Callers pass a version only to write an old shape on purpose.
        schemaVersion: event.schemaVersion ?? this.upcasters.currentVersion(event.type),
        data: event.data,
        metadata,
      };
      const sealed = sealEvent(unhashed, streamId, revision);
      prevHash = sealed.hash;
      // The hash added to the object made above rather than copied into a new one (two copies per event before):
      // the stored text is sealed's, so the key's place in this object means nothing.
      metadata.hash = sealed.hash;
      return keepEncoding(unhashed as PreparedEvent, sealed);
    });
  }
}

/**
 * An appended event's metadata with its keys in canonical order (the hash's), at every depth, so that canonicalJson
 * hands it to JSON.stringify. `command` only when given: the hash covers metadata, and events without it must hash
 * as they always did.
 */
function canonicalMetadata(event: NewEvent, prevHash: string, recordedAt: string): Omit<EventMetadata, 'hash'> {
  const { metadata } = event;
  const actor = actorInKeyOrder(metadata.actor);
  const causationId = metadata.causationId ?? null;
  return metadata.command === undefined
    ? {
        actor,
        causationId,
        correlationId: metadata.correlationId,
        occurredAt: metadata.occurredAt,
        prevHash,
        recordedAt,
      }
    : {
        actor,
        causationId,
        command: metadata.command,
        correlationId: metadata.correlationId,
        occurredAt: metadata.occurredAt,
        prevHash,
        recordedAt,
      };
}

/** The same actor with its two keys in canonical order; anything with other keys as it came. */
function actorInKeyOrder(actor: Actor): Actor {
  const keys = Object.keys(actor);
  return keys.length === 2 && keys.includes('id') && keys.includes('kind') ? { id: actor.id, kind: actor.kind } : actor;
}

/**
 * Every event id is drawn here, never taken from the caller, so ids are unique in the whole store on both
 * adapters: PostgreSQL would refuse a repeated id (UNIQUE (event_id)) but KurrentDB accepts one in another
 * stream, and in the same stream answers it as an idempotent success keeping the first payload, whose hash this
 * store would not know. Typed callers cannot pass an id; this catches the untyped ones.
 */
function refuseCallerIds(streamId: string, events: readonly NewEvent[]): void {
  const chosen = events.find((event) => (event as { id?: unknown }).id !== undefined) as { id?: unknown } | undefined;
  if (chosen) {
    throw new TypeError(
      `append to ${streamId}: event ids are assigned by the store, not chosen by callers (got ${String(chosen.id)})`,
    );
  }
}

import type { AppendResult, ExpectedRevision, NewEvent, PreparedEvent, RecordedEvent } from './envelope';
import type { LogWakeUp } from './follower/wake-up';

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive; defaults to the first revision forwards and the last one backwards. */
  readonly fromRevision?: number;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this checkpoint. Absent: from the very start. */
  readonly after?: string;
  readonly maxCount: number;
}

export interface SubscribeOptions {
  /** Exclusive, as in ReadAllOptions. */
  readonly after?: string;
  /** Called once per event, in global order, one at a time; a throw stops the subscription with that error. */
  readonly onEvent: (event: RecordedEvent) => Promise<void>;
  readonly batchSize?: number;
}

/** One stream's part of an append to several streams at once (appendAtomically). */
export interface StreamAppend<Event> {
  readonly streamId: string;
  readonly events: readonly Event[];
  readonly expected: ExpectedRevision;
}

/** The newest event of the global log that readers can see: where a reader that has read everything stands. */
export interface LogHead {
  readonly position: bigint;
  /** Equal to the checkpoint of a reader that has read the whole log so far. */
  readonly checkpoint: string;
}

export interface Subscription {
  /** Stops after the event in hand; resolves once stopped. */
  stop(): Promise<void>;
  /** Settles when the subscription ends: resolves on stop(), rejects with the error that ended it. */
  readonly closed: Promise<void>;
}

/** An event's place in the global log and its stream's chain head there, without its body. */
export interface LoggedHead {
  readonly streamId: string;
  readonly streamRevision: number;
  readonly hash: string;
  readonly globalPosition: bigint;
  readonly checkpoint: string;
}

/** Reading the global log: the same for an adapter and for the port, and all a follower needs. */
export interface GlobalLog {
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  /**
   * Optional (PostgreSQL has it): readAll's events, same order and visibility, as heads only; for the anchorer,
   * which would otherwise parse every event's data and metadata to keep a hash.
   */
  readAllHeads?(options: ReadAllOptions): Promise<LoggedHead[]>;
  /** The newest event readAll can return now, by readAll's own visibility rule and filter; undefined: none. */
  head(): Promise<LogHead | undefined>;
  /**
   * A new doorbell rung when the global log may have grown (PostgreSQL: LISTEN/NOTIFY), for one follower to
   * wait on when caught up; it never replaces polling. The caller closes it.
   */
  wakeUp(): LogWakeUp;
  /** Catches up from `after`, then follows new events as they are committed (a GlobalLogFollower inside). */
  subscribe(options: SubscribeOptions): Subscription;
}

/**
 * What a storage adapter implements: faithful storage of prepared events. Hash chaining and upcasting are
 * not its business; EventStore (event-store.ts) does both, once, for every adapter.
 */
export interface EventStoreAdapter extends GlobalLog {
  readonly name: string;
  append(streamId: string, events: readonly PreparedEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  /** Optional: appends to several streams, all or none (PostgreSQL has it; see EventStore.appendAtomically). */
  appendAtomically?(appends: readonly StreamAppend<PreparedEvent>[]): Promise<AppendResult[]>;
  /** Throws StreamNotFound when the stream has no events. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  close(): Promise<void>;
}

/** The port services use. */
export interface EventStore extends GlobalLog {
  append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  /**
   * Only where the adapter can (PostgreSQL, not EventStoreDB): appends to several distinct streams in one
   * transaction, all or none, each at its own expected revision; the first mismatch throws WrongExpectedRevision
   * and nothing is written. Returns each append's result, in order. Callers fall back to appending one by one.
   */
  readonly appendAtomically?: (appends: readonly StreamAppend<NewEvent>[]) => Promise<AppendResult[]>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  close(): Promise<void>;
}

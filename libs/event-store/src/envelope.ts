/** Who caused an event: the system itself, a person (token subject) or an integration (its key id). */
export interface Actor {
  readonly kind: 'system' | 'user' | 'integration';
  readonly id: string;
}

/** The metadata every stored event carries (DESIGN.md §4); hash and prevHash chain the stream. */
export interface EventMetadata {
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId: string | null;
  /**
   * The type of the command that produced the event (e.g. `TriageIncident`), written by the command handler so
   * that a cause redelivered finds its earlier effect. Absent on events written before it existed, or around it.
   */
  readonly command?: string;
  readonly prevHash: string;
  readonly hash: string;
}

/**
 * What a caller appends: the store adds the id, recordedAt and the hash chain. Ids are never the caller's: that
 * is what keeps them unique in the whole store on both adapters (README, "Event ids").
 */
export interface NewEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly schemaVersion?: number;
  readonly data: Data;
  readonly metadata: {
    readonly occurredAt: string;
    readonly actor: Actor;
    readonly correlationId: string;
    readonly causationId?: string | null;
    readonly command?: string;
  };
}

/** An event ready for an adapter to write: every field final, hash computed. */
export interface PreparedEvent<Type extends string = string, Data = unknown> {
  readonly id: string;
  readonly type: Type;
  readonly schemaVersion: number;
  readonly data: Data;
  readonly metadata: EventMetadata;
}

/**
 * An event as read back. `globalPosition` orders events in the store's global log; `checkpoint` is the
 * adapter's opaque token for "everything up to and including this event", to resume a reader from.
 */
export interface RecordedEvent<Type extends string = string, Data = unknown> extends PreparedEvent<Type, Data> {
  readonly streamId: string;
  readonly streamRevision: number;
  readonly globalPosition: bigint;
  readonly checkpoint: string;
}

/** `no_stream`: the stream must not exist; `any`: no check; a number: the revision of the stream's last event. */
export type ExpectedRevision = 'no_stream' | 'any' | number;

export interface AppendResult {
  /** The revision of the last event appended: the expected revision for the next append. */
  readonly nextExpectedRevision: number;
  /** The global position of the last event appended. */
  readonly position: bigint;
}

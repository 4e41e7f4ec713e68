import {
  ANY,
  BACKWARDS,
  END,
  FORWARDS,
  KurrentDBClient,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AppendStreamState,
  type CurrentStreamState,
  type Position,
} from '@kurrent/kurrentdb-client';
import type { AppendResult, ExpectedRevision, PreparedEvent, RecordedEvent } from '../envelope';
import { StreamNotFound, WrongExpectedRevision } from '../errors';
import type {
  EventStoreAdapter,
  LogHead,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { formatEventStoreDbCheckpoint, parseEventStoreDbCheckpoint } from './eventstoredb-checkpoint';
import { fromRecorded, toEventData } from './eventstoredb-mapping';
import { readAllPage } from './read-all-page';
import { isUserEvent } from './system-events';
import { LogSubscription } from '../follower/log-subscription';
import type { LogWakeUp } from '../follower/wake-up';
import { eventStoreDbWakeUp } from './eventstoredb-wake-up';

/** How often a subscription reads $all when its live doorbell stays silent (a dropped one, say). */
const SUBSCRIPTION_POLL_MS = 1_000;

/** System events skipped per backwards read of head(); a few suffice, as the server drops most of them. */
const HEAD_PAGE = 32;

/**
 * The EventStoreDB (KurrentDB) event store. The server already does what the PostgreSQL adapter builds by
 * hand: optimistic concurrency per stream, and a global log ($all) whose positions only ever grow at commit,
 * so a reader resuming from a position neither skips nor repeats. The global position is the commit position.
 */
export class EventStoreDbAdapter implements EventStoreAdapter {
  readonly name = 'eventstoredb';
  private readonly subscriptions = new Set<LogSubscription>();

  private constructor(private readonly client: KurrentDBClient) {}

  /**
   * Parses the connection string (e.g. `kurrentdb://host:2113?tls=false`); the client connects lazily, so
   * an unreachable server shows up on the first call, not here.
   */
  static async connect(connectionString: string): Promise<EventStoreDbAdapter> {
    return new EventStoreDbAdapter(KurrentDBClient.connectionString(connectionString));
  }

  /** Over a client the caller made (and whose answers, in the unit tests, it scripts). */
  static withClient(client: KurrentDBClient): EventStoreDbAdapter {
    return new EventStoreDbAdapter(client);
  }

  async append(streamId: string, events: readonly PreparedEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) throw new Error(`append to ${streamId} with no events`);
    const result = await this.client
      .appendToStream(streamId, events.map(toEventData), { streamState: toStreamState(expected) })
      .catch((error: unknown) => {
        if (error instanceof WrongExpectedVersionError) {
          throw new WrongExpectedRevision(streamId, expected, toActualRevision(error.actualState));
        }
        throw error;
      });
    // With throwOnAppendFailure=false in the connection string the client reports a conflict instead of
    // throwing, and its batch path garbles the current revision, so it is not passed on.
    if (!result.success) throw new WrongExpectedRevision(streamId, expected, 'unknown');
    const nextExpectedRevision = Number(result.nextExpectedRevision);
    const position =
      result.position?.commit ?? (await this.positionOfWritten(streamId, nextExpectedRevision, events.at(-1)));
    return { nextExpectedRevision, position };
  }

  /**
   * KurrentDB answers an append whose event ids it already holds at those revisions as a success carrying the
   * *first* write's result (IndexWriter.CheckCommit, "idempotent"), and when that first write is not indexed yet
   * its log position is -1, which reaches us as a success with no position. The write is durable, so its
   * position is read back from the event at the reported revision instead of failing it.
   * That event must be the very one sent: the server keeps the first payload for an id, and had it kept another,
   * the hash chain would go on from a hash that is not stored. The store assigns every event id itself (README,
   * "Event ids"), so only a resend of this same batch can meet an earlier write, and it matches.
   */
  private async positionOfWritten(streamId: string, revision: number, sent: PreparedEvent | undefined) {
    const [stored] = await this.readStream(streamId, { direction: 'backwards', fromRevision: revision, maxCount: 1 });
    if (stored?.streamRevision !== revision || stored.id !== sent?.id || stored.metadata.hash !== sent.metadata.hash) {
      throw new Error(
        `append to ${streamId}: the server reported revision ${revision} without a log position, and the event ` +
          `stored there is not the one sent (${stored ? `id ${stored.id}` : 'none'}, sent ${sent?.id})`,
      );
    }
    return stored.globalPosition;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const events: RecordedEvent[] = [];
    try {
      const reading = this.client.readStream(streamId, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision: options.fromRevision === undefined ? (backwards ? END : START) : BigInt(options.fromRevision),
        ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
      });
      for await (const resolved of reading) {
        if (resolved.event) events.push(fromRecorded(resolved.event));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) throw new StreamNotFound(streamId);
      throw error;
    }
    return events;
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    let from = options.after === undefined ? undefined : parseEventStoreDbCheckpoint(options.after);
    while (events.length < options.maxCount) {
      // One more than wanted: a read from a position includes the event at it, which was read already.
      const pageSize = options.maxCount - events.length + 1;
      const page = await readAllPage(this.client, {
        direction: 'forwards',
        ...(from ? { from } : {}),
        maxCount: pageSize,
      });
      from = page.last;
      for (const record of page.records) {
        if (isUserEvent(record) && events.length < options.maxCount) events.push(fromRecorded(record));
      }
      // A short page is the end of the log; a full one that the stream filter thinned out needs another.
      if (page.read < pageSize) break;
    }
    return events;
  }

  /**
   * The newest event a reader of $all can see, by the readers' own filter (systemEventsFilter, isUserEvent), so
   * that a reader that has read everything stands exactly at the head. Reads backwards a few events at a time
   * past whatever system events the client-side half of the filter drops.
   */
  async head(): Promise<LogHead | undefined> {
    let from: Position | undefined;
    for (;;) {
      const page = await readAllPage(this.client, {
        direction: 'backwards',
        ...(from ? { from } : {}),
        maxCount: HEAD_PAGE,
      });
      const newest = page.records.find(isUserEvent);
      if (newest)
        return { position: newest.position.commit, checkpoint: formatEventStoreDbCheckpoint(newest.position) };
      if (page.read < HEAD_PAGE) return undefined;
      from = page.last;
    }
  }

  /** A live subscription to the end of $all, used only as a doorbell (see eventStoreDbWakeUp). */
  wakeUp(): LogWakeUp {
    return eventStoreDbWakeUp(this.client);
  }

  /**
   * Pages through readAll like every follower here, woken by a live subscription: one way of reading $all, with
   * one filter and one checkpoint rule, whatever the caller (see LogSubscription).
   */
  subscribe(options: SubscribeOptions): Subscription {
    const subscription = new LogSubscription(this, this.wakeUp(), { ...options, idlePollMs: SUBSCRIPTION_POLL_MS });
    this.subscriptions.add(subscription);
    void subscription.closed.catch(() => undefined).finally(() => this.subscriptions.delete(subscription));
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.client.dispose();
  }
}

function toStreamState(expected: ExpectedRevision): AppendStreamState {
  if (expected === 'no_stream') return NO_STREAM;
  if (expected === 'any') return ANY;
  if (!Number.isSafeInteger(expected) || expected < 0) throw new Error(`not a stream revision: ${expected}`);
  return BigInt(expected);
}

/** Deleted and tombstoned streams come back as negative revisions; they have no revision to report. */
function toActualRevision(actual: CurrentStreamState | undefined): number | 'no_stream' | 'unknown' {
  if (actual === NO_STREAM) return 'no_stream';
  return typeof actual === 'bigint' && actual >= 0n ? Number(actual) : 'unknown';
}

import { Pool, type ClientBase } from 'pg';
import type { AppendResult, ExpectedRevision, PreparedEvent, RecordedEvent } from '../envelope';
import { StreamNotFound } from '../errors';
import type {
  EventStoreAdapter,
  LoggedHead,
  LogHead,
  ReadAllOptions,
  ReadStreamOptions,
  StreamAppend,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { formatCheckpoint, parseCheckpoint } from './postgres-checkpoint';
import { EVENTS_CHANNEL, migrateEventStore } from './postgres-migrations';
import { LogSubscription } from '../follower/log-subscription';
import type { LogWakeUp } from '../follower/wake-up';
import { postgresWakeUp } from './postgres-wake-up';
import { GroupCommit } from '../group-commit';
import { appendBatch, type AppendUnit } from './postgres-append';
import { PostgresDoorbell } from './postgres-doorbell';
import { COLUMNS, type EventRow, STREAM_COLUMNS, type StreamRow, toRecorded } from './postgres-event-row';

export { EVENTS_CHANNEL };

/**
 * Committed events the global readers cannot see yet: their transaction ids are not below the cluster's oldest
 * running transaction. An empty page of readAll while this is above 0 is not the end of the log.
 */
export async function countHiddenEvents(db: Pick<ClientBase, 'query'>): Promise<number> {
  const result = await db.query<{ hidden: number }>(
    `SELECT count(*)::int AS hidden FROM event_store.events
      WHERE transaction_id >= pg_snapshot_xmin(pg_current_snapshot())`,
  );
  return result.rows[0]?.hidden ?? 0;
}

export interface PostgresEventStoreOptions {
  readonly connectionString: string;
  readonly poolSize?: number;
  /** How often a subscription polls when no notification arrives (the LISTEN/NOTIFY fallback); 250 ms. */
  readonly pollIntervalMs?: number;
  /** Append statements at the same time; appends arriving meanwhile wait and go together (group commit); 2. */
  readonly maxAppendsInFlight?: number;
  /** Appends per group-commit statement at most; 256. */
  readonly maxAppendBatch?: number;
  /** The most a small group-commit batch waits for its peers after a large one (GroupCommitOptions.gatherMs); 0. */
  readonly appendGatherMs?: number;
  /** The followers' doorbell rings at most once per this many ms (see PostgresDoorbell); 20. */
  readonly doorbellIntervalMs?: number;
}

/**
 * The PostgreSQL event store. An append moves the stream's revision row from the expected revision to the new
 * one (the optimistic-concurrency check, and a per-stream lock), inserts the events, and a NOTIFY wakes
 * subscribers at commit. Appends arriving together share one transaction (group commit, postgres-append.ts).
 *
 * The global log is read in (transaction id, position) order, and only rows whose transaction id is below
 * the oldest transaction still running (pg_snapshot_xmin). A sequence hands out positions at insert time, not
 * at commit, so a transaction can commit a lower position after a higher one was already read; ordering by
 * position alone would skip it. No transaction still running can have an id below xmin, so every row that
 * becomes visible later sorts after everything read so far, and a checkpoint of (transaction id, position)
 * is exact: resuming from it neither skips nor repeats an event.
 */
export class PostgresEventStoreAdapter implements EventStoreAdapter {
  readonly name = 'postgres';
  readonly pool: Pool;
  private readonly subscriptions = new Set<LogSubscription>();
  private readonly commits: GroupCommit<AppendUnit, AppendResult[]>;
  private readonly doorbell: PostgresDoorbell;

  private constructor(private readonly options: PostgresEventStoreOptions) {
    this.pool = new Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 10,
      application_name: 'event-store',
    });
    this.pool.on('error', () => undefined);
    this.doorbell = new PostgresDoorbell(this.pool, options.doorbellIntervalMs ?? 20);
    this.commits = new GroupCommit((units) => appendBatch(this.pool, units), {
      maxInFlight: options.maxAppendsInFlight ?? 2,
      maxBatch: options.maxAppendBatch ?? 256,
      gatherMs: options.appendGatherMs ?? 0,
    });
  }

  /** Connects and applies the schema's migrations. */
  static async connect(options: PostgresEventStoreOptions): Promise<PostgresEventStoreAdapter> {
    const adapter = new PostgresEventStoreAdapter(options);
    await migrateEventStore(adapter.pool);
    return adapter;
  }

  /**
   * Through the group commit: at rest at once, alone; while other appends are in flight, together with whatever
   * else is waiting. One statement and one transaction per batch (event_store.append_json_units), each append with
   * its own expected-revision check and its own outcome; then the doorbell, after the commit.
   */
  async append(streamId: string, events: readonly PreparedEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) throw new Error(`append to ${streamId} with no events`);
    const [result] = await this.commits.submit([{ streamId, events, expected }]);
    this.doorbell.ring();
    if (!result) throw new Error(`append to ${streamId} returned nothing`);
    return result;
  }

  /** One unit of the group commit: the streams' appends are written together or not at all. */
  async appendAtomically(appends: readonly StreamAppend<PreparedEvent>[]): Promise<AppendResult[]> {
    const empty = appends.find((append) => append.events.length === 0);
    if (empty || appends.length === 0) throw new Error(`append to ${empty?.streamId ?? 'no stream'} with no events`);
    const results = await this.commits.submit(appends);
    this.doorbell.ring();
    return results;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? 2_147_483_647 : 0);
    // Named: each pooled connection parses and plans the statement once, not on every rehydrate.
    const result = await this.pool.query<StreamRow>({
      name: `event-store-read-stream-${backwards ? 'backwards' : 'forwards'}`,
      text: `SELECT ${STREAM_COLUMNS} FROM event_store.events
       WHERE stream_id = $1 AND stream_revision ${backwards ? '<=' : '>='} $2
       ORDER BY stream_revision ${backwards ? 'DESC' : 'ASC'} LIMIT $3`,
      values: [streamId, from, options.maxCount ?? null],
      rowMode: 'array',
    });
    // A read that starts at the stream's first (or, backwards, its last) event and may return one finds nothing only
    // when the stream has no events, i.e. does not exist: no second query. Asking again cost a round trip every time
    // a service checked the head of a config stream nobody has written yet, under an alert storm once per incident.
    const fromAnEnd = backwards ? options.fromRevision === undefined : from <= 0;
    if (result.rows.length === 0 && fromAnEnd && (options.maxCount ?? 1) > 0) throw new StreamNotFound(streamId);
    if (result.rows.length === 0) {
      // Asked of the events (migration 6): a stream created since then has no row in event_store.streams.
      const exists = await this.pool.query('SELECT 1 FROM event_store.events WHERE stream_id = $1 LIMIT 1', [streamId]);
      if (exists.rowCount === 0) throw new StreamNotFound(streamId);
    }
    return result.rows.map((row) => toRecorded(row, streamId));
  }

  /**
   * ORDER BY names the table's columns explicitly: a bare `transaction_id` would sort by an output column of
   * that name (readAllHeads' `transaction_id::text`), and text puts "1000" before "999" — events out of order
   * where transaction ids gain a digit, so a checkpoint skipped some and re-read others.
   */
  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    return (await this.readLog<EventRow>(COLUMNS, options)).map((row) => toRecorded(row, row[3]));
  }

  /** readAll's rows without data and metadata: only the hash is taken out of the metadata, by PostgreSQL. */
  async readAllHeads(options: ReadAllOptions): Promise<LoggedHead[]> {
    const rows = await this.readLog<[string, string, string, number, string]>(
      `global_position, transaction_id::text AS transaction_id, stream_id, stream_revision, metadata->>'hash'`,
      options,
    );
    return rows.map(([globalPosition, transactionId, streamId, streamRevision, hash]) => ({
      streamId,
      streamRevision,
      hash,
      globalPosition: BigInt(globalPosition),
      checkpoint: `${transactionId}:${globalPosition}`,
    }));
  }

  private async readLog<Row extends unknown[]>(columns: string, options: ReadAllOptions): Promise<Row[]> {
    const { transactionId, position } = parseCheckpoint(options.after);
    const result = await this.pool.query<Row>({
      text: `SELECT ${columns} FROM event_store.events
       WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
         AND (transaction_id, global_position) > ($1::text::xid8, $2::bigint)
       ORDER BY events.transaction_id, events.global_position
       LIMIT $3`,
      values: [transactionId.toString(), position.toString(), options.maxCount],
      rowMode: 'array',
    });
    return result.rows;
  }

  /** The last event readAll would return now: same visibility rule, same order (one backwards index probe). */
  async head(): Promise<LogHead | undefined> {
    const result = await this.pool.query<{ global_position: string; transaction_id: string }>(
      `SELECT global_position, transaction_id::text AS transaction_id FROM event_store.events
       WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
       ORDER BY events.transaction_id DESC, events.global_position DESC
       LIMIT 1`,
    );
    const row = result.rows[0];
    if (!row) return undefined;
    const position = BigInt(row.global_position);
    return { position, checkpoint: formatCheckpoint(BigInt(row.transaction_id), position) };
  }

  /**
   * How many events readAll would return after `after`, in one COUNT with readAll's own visibility rule (for
   * a projection's lag or a rebuild's total).
   */
  async countEventsAfter(after: string | undefined): Promise<number> {
    const { transactionId, position } = parseCheckpoint(after);
    const result = await this.pool.query<{ count: string }>(
      `SELECT count(*) AS count FROM event_store.events
       WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
         AND (transaction_id, global_position) > ($1::text::xid8, $2::bigint)`,
      [transactionId.toString(), position.toString()],
    );
    return Number(result.rows[0]?.count ?? 0);
  }

  /** See countHiddenEvents. */
  hiddenEvents(): Promise<number> {
    return countHiddenEvents(this.pool);
  }

  /** A LISTEN on a connection of its own, rung at each append's commit (see postgresWakeUp). */
  wakeUp(): LogWakeUp {
    return postgresWakeUp(this.options.connectionString);
  }

  subscribe(options: SubscribeOptions): Subscription {
    const subscription = new LogSubscription(this, this.wakeUp(), {
      ...options,
      idlePollMs: this.options.pollIntervalMs ?? 250,
      hiddenEvents: () => this.hiddenEvents(),
    });
    this.subscriptions.add(subscription);
    void subscription.closed.catch(() => undefined).finally(() => this.subscriptions.delete(subscription));
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.doorbell.quiet();
    await this.pool.end();
  }
}

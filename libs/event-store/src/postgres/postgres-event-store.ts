import { Pool, type PoolClient } from 'pg';
import type { AppendResult, ExpectedRevision, PreparedEvent, RecordedEvent } from '../envelope';
import { StreamNotFound, WrongExpectedRevision } from '../errors';
import type {
  EventStoreAdapter,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { formatCheckpoint, parseCheckpoint } from './postgres-checkpoint';
import { migrateEventStore } from './postgres-migrations';
import { PostgresSubscription } from './postgres-subscription';

export const EVENTS_CHANNEL = 'event_store_events';

interface EventRow {
  global_position: string;
  transaction_id: string;
  stream_id: string;
  stream_revision: number;
  event_id: string;
  event_type: string;
  schema_version: number;
  data: unknown;
  metadata: PreparedEvent['metadata'];
}

const COLUMNS =
  'global_position, transaction_id::text AS transaction_id, stream_id, stream_revision, event_id, event_type, schema_version, data, metadata';

function toRecorded(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    type: row.event_type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    streamId: row.stream_id,
    streamRevision: row.stream_revision,
    globalPosition: BigInt(row.global_position),
    checkpoint: formatCheckpoint(BigInt(row.transaction_id), BigInt(row.global_position)),
  };
}

export interface PostgresEventStoreOptions {
  readonly connectionString: string;
  readonly poolSize?: number;
  /** How often a live subscription polls when no notification arrives (the LISTEN/NOTIFY fallback). */
  readonly pollIntervalMs?: number;
}

/**
 * The PostgreSQL event store. Appends take one transaction: the stream's revision row is moved from the
 * expected revision to the new one (the optimistic-concurrency check, and a per-stream lock), the events are
 * inserted, and a NOTIFY wakes subscribers at commit.
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
  private readonly subscriptions = new Set<PostgresSubscription>();

  private constructor(private readonly options: PostgresEventStoreOptions) {
    this.pool = new Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 10,
      application_name: 'event-store',
    });
    this.pool.on('error', () => undefined);
  }

  /** Connects and applies the schema's migrations. */
  static async connect(options: PostgresEventStoreOptions): Promise<PostgresEventStoreAdapter> {
    const adapter = new PostgresEventStoreAdapter(options);
    await migrateEventStore(adapter.pool);
    return adapter;
  }

  async append(streamId: string, events: readonly PreparedEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) throw new Error(`append to ${streamId} with no events`);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const firstRevision = await this.advanceStream(client, streamId, expected, events.length);
      const values: unknown[] = [];
      const rows = events.map((event, index) => {
        const base = values.length;
        values.push(
          streamId,
          firstRevision + index,
          event.id,
          event.type,
          event.schemaVersion,
          JSON.stringify(event.data),
          JSON.stringify(event.metadata),
        );
        return `($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5}, $${base + 6}::jsonb, $${base + 7}::jsonb)`;
      });
      const inserted = await client.query<{ global_position: string }>(
        `INSERT INTO event_store.events (stream_id, stream_revision, event_id, event_type, schema_version, data, metadata)
         VALUES ${rows.join(', ')} RETURNING global_position`,
        values,
      );
      await client.query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, streamId]);
      await client.query('COMMIT');
      const position = inserted.rows.reduce(
        (max, row) => (BigInt(row.global_position) > max ? BigInt(row.global_position) : max),
        0n,
      );
      return { nextExpectedRevision: firstRevision + events.length - 1, position };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** Moves the stream's revision row; returns the revision of the first new event. */
  private async advanceStream(
    client: PoolClient,
    streamId: string,
    expected: ExpectedRevision,
    count: number,
  ): Promise<number> {
    if (expected === 'no_stream') {
      const created = await client.query(
        'INSERT INTO event_store.streams (stream_id, revision) VALUES ($1, $2) ON CONFLICT (stream_id) DO NOTHING',
        [streamId, count - 1],
      );
      if (created.rowCount === 0)
        throw new WrongExpectedRevision(streamId, expected, await this.currentRevision(client, streamId));
      return 0;
    }
    if (expected === 'any') {
      const moved = await client.query<{ revision: number }>(
        `INSERT INTO event_store.streams (stream_id, revision) VALUES ($1, $2)
         ON CONFLICT (stream_id) DO UPDATE SET revision = event_store.streams.revision + $3
         RETURNING revision`,
        [streamId, count - 1, count],
      );
      const revision = moved.rows[0]?.revision;
      if (revision === undefined) throw new Error(`no revision returned for ${streamId}`);
      return revision - count + 1;
    }
    const moved = await client.query(
      'UPDATE event_store.streams SET revision = $3 WHERE stream_id = $1 AND revision = $2',
      [streamId, expected, expected + count],
    );
    if (moved.rowCount === 0)
      throw new WrongExpectedRevision(streamId, expected, await this.currentRevision(client, streamId));
    return expected + 1;
  }

  private async currentRevision(client: PoolClient, streamId: string): Promise<number | 'no_stream'> {
    // Outside the failed transaction's view would be wrong; this runs inside it, before ROLLBACK.
    const row = await client.query<{ revision: number }>(
      'SELECT revision FROM event_store.streams WHERE stream_id = $1',
      [streamId],
    );
    return row.rows[0]?.revision ?? 'no_stream';
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? 2_147_483_647 : 0);
    const result = await this.pool.query<EventRow>(
      `SELECT ${COLUMNS} FROM event_store.events
       WHERE stream_id = $1 AND stream_revision ${backwards ? '<=' : '>='} $2
       ORDER BY stream_revision ${backwards ? 'DESC' : 'ASC'} LIMIT $3`,
      [streamId, from, options.maxCount ?? null],
    );
    if (result.rows.length === 0) {
      const exists = await this.pool.query('SELECT 1 FROM event_store.streams WHERE stream_id = $1', [streamId]);
      if (exists.rowCount === 0) throw new StreamNotFound(streamId);
    }
    return result.rows.map(toRecorded);
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const { transactionId, position } = parseCheckpoint(options.after);
    const result = await this.pool.query<EventRow>(
      `SELECT ${COLUMNS} FROM event_store.events
       WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
         AND (transaction_id, global_position) > ($1::text::xid8, $2::bigint)
       ORDER BY transaction_id, global_position
       LIMIT $3`,
      [transactionId.toString(), position.toString(), options.maxCount],
    );
    return result.rows.map(toRecorded);
  }

  subscribe(options: SubscribeOptions): Subscription {
    const subscription = new PostgresSubscription(
      this,
      this.options.connectionString,
      options,
      this.options.pollIntervalMs ?? 250,
    );
    this.subscriptions.add(subscription);
    void subscription.closed.catch(() => undefined).finally(() => this.subscriptions.delete(subscription));
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.pool.end();
  }
}

import type { Pool, PoolClient } from 'pg';
import type { RecordedEvent } from '@incident/event-store';
import { PermanentError } from './retry-policy';

const LOCK_KEY = 7_324_101; // arbitrary, fixed: the messaging schema's creation lock

/**
 * Creates the idempotency record if it is missing. Two services starting at once would otherwise race on
 * `CREATE … IF NOT EXISTS` (which is not safe under concurrency: the loser fails on the catalog's unique
 * index), so creation runs under a transaction-scoped advisory lock.
 */
export async function ensureAppliedEventTable(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    await client.query('CREATE SCHEMA IF NOT EXISTS messaging');
    await client.query(
      `CREATE TABLE IF NOT EXISTS messaging.applied_event (
         consumer_group text NOT NULL,
         event_id uuid NOT NULL,
         stream_id text NOT NULL,
         stream_revision integer NOT NULL,
         attempts integer NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (consumer_group, event_id)
       )`,
    );
    // Also unique per stream position: a different event id at a revision already applied means the
    // stream was rewritten under us, which must surface (dead letter) rather than pass as a duplicate.
    await client.query(
      `CREATE UNIQUE INDEX IF NOT EXISTS applied_event_stream_revision
         ON messaging.applied_event (consumer_group, stream_id, stream_revision)`,
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

const UNIQUE_VIOLATION = '23505';

/**
 * Records, inside the caller's transaction, that `groupId` applies `event`. Returns false when the group
 * applied it before: the caller then skips the handler. A concurrent claim of the same event by another
 * replica (after a rebalance) waits on the row lock and then sees it, so two replicas never both apply.
 */
export async function claimEvent(
  tx: PoolClient,
  groupId: string,
  event: RecordedEvent,
  attempts: number,
): Promise<boolean> {
  try {
    const result = await tx.query(
      `INSERT INTO messaging.applied_event (consumer_group, event_id, stream_id, stream_revision, attempts)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (consumer_group, event_id) DO NOTHING`,
      [groupId, event.id, event.streamId, event.streamRevision, attempts],
    );
    return result.rowCount === 1;
  } catch (error) {
    if ((error as { code?: unknown }).code === UNIQUE_VIOLATION) {
      throw new PermanentError(
        `${event.streamId} revision ${event.streamRevision} was already applied by ${groupId} as another event`,
      );
    }
    throw error;
  }
}

/**
 * claimEvent for several events at once, in one statement (a run applied in one transaction): the ids of those
 * claimed now (lower case, as PostgreSQL prints uuids), so the rest were applied before. A stream position
 * applied as another event raises the unique violation, which the caller's one-at-a-time path then reports as
 * claimEvent does.
 */
export async function claimEvents(
  tx: PoolClient,
  groupId: string,
  events: readonly RecordedEvent[],
): Promise<ReadonlySet<string>> {
  if (events.length === 0) return new Set();
  const result = await tx.query<{ event_id: string }>(
    `INSERT INTO messaging.applied_event (consumer_group, event_id, stream_id, stream_revision, attempts)
     SELECT $1, id, stream, revision, 1 FROM unnest($2::uuid[], $3::text[], $4::int[]) AS claim (id, stream, revision)
     ON CONFLICT (consumer_group, event_id) DO NOTHING
     RETURNING event_id`,
    [groupId, events.map((e) => e.id), events.map((e) => e.streamId), events.map((e) => e.streamRevision)],
  );
  return new Set(result.rows.map((row) => row.event_id.toLowerCase()));
}

/**
 * Which of `events` the group applied before (lower-case ids). A plain read: it assigns the transaction no id,
 * so the claim can wait until after the handler (see RecordProcessor) and the transaction holds an id only for
 * its last statements.
 */
export async function appliedBefore(
  tx: PoolClient,
  groupId: string,
  events: readonly RecordedEvent[],
): Promise<ReadonlySet<string>> {
  if (events.length === 0) return new Set();
  const result = await tx.query<{ event_id: string }>(
    'SELECT event_id FROM messaging.applied_event WHERE consumer_group = $1 AND event_id = ANY($2::uuid[])',
    [groupId, events.map((event) => event.id)],
  );
  return new Set(result.rows.map((row) => row.event_id.toLowerCase()));
}

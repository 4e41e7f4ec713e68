import type { Pool } from 'pg';
import type { AppendResult, ExpectedRevision, PreparedEvent } from '../envelope';
import { WrongExpectedRevision } from '../errors';
import type { Settled } from '../group-commit';

/** One caller's append: what a group commit gathers. */
export interface AppendRequest {
  readonly streamId: string;
  readonly events: readonly PreparedEvent[];
  readonly expected: ExpectedRevision;
}

const actualRevision = (text: string): number | 'no_stream' => (text === 'no_stream' ? 'no_stream' : Number(text));

/** An error PostgreSQL itself reported: the statement failed and its transaction rolled back. */
const reportedByServer = (error: unknown): boolean => typeof (error as { code?: unknown }).code === 'string';

/**
 * Appends, to any streams, in one statement and one transaction, all-or-nothing per append: event_store.append_batch
 * (migration 3) checks each append's expected revision in turn and reports a mismatch as that append's outcome,
 * writing the others. Appends go in stream order (a stream's own appends keep theirs), so every batch takes its stream
 * locks in the same order and two batches never deadlock. Any other failure rolled the batch back as a whole;
 * then each append is made again on its own, so only the one at fault fails (a duplicate event id, say).
 */
export async function appendBatch(pool: Pool, requests: readonly AppendRequest[]): Promise<Settled<AppendResult>[]> {
  const sorted = requests
    .map((request, index) => ({ request, index }))
    .sort((a, b) => compareText(a.request.streamId, b.request.streamId) || a.index - b.index);
  let rows: { first_revision: number | null; last_position: string | null; actual_revision: string | null }[];
  try {
    rows = (await pool.query(BATCH_SQL, batchParameters(sorted.map(({ request }) => request)))).rows;
  } catch (error) {
    if (requests.length === 1 || !reportedByServer(error)) return requests.map(() => ({ error }));
    const outcomes: Settled<AppendResult>[] = [];
    for (const request of requests) outcomes.push(...(await appendBatch(pool, [request])));
    return outcomes;
  }
  const outcomes: Settled<AppendResult>[] = new Array(requests.length);
  sorted.forEach(({ request, index }, at) => {
    const row = rows[at];
    if (row?.actual_revision != null) {
      const actual = actualRevision(row.actual_revision);
      outcomes[index] = { error: new WrongExpectedRevision(request.streamId, request.expected, actual) };
    } else if (row?.first_revision != null && row.last_position != null) {
      outcomes[index] = {
        value: {
          nextExpectedRevision: row.first_revision + request.events.length - 1,
          position: BigInt(row.last_position),
        },
      };
    } else {
      outcomes[index] = { error: new Error(`append to ${request.streamId} returned nothing`) };
    }
  });
  return outcomes;
}

const BATCH_SQL = `SELECT first_revision, last_position, actual_revision
  FROM event_store.append_batch($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb[], $10::jsonb[])`;

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Appends as parallel arrays, and their events flattened with each one's append (1-based) and offset in it. */
function batchParameters(requests: readonly AppendRequest[]): unknown[] {
  const owners: number[] = [];
  const offsets: number[] = [];
  const events: PreparedEvent[] = [];
  requests.forEach((request, index) => {
    request.events.forEach((event, offset) => {
      owners.push(index + 1);
      offsets.push(offset);
      events.push(event);
    });
  });
  return [
    requests.map((request) => request.streamId),
    requests.map((request) => String(request.expected)),
    requests.map((request) => request.events.length),
    owners,
    offsets,
    events.map((event) => event.id),
    events.map((event) => event.type),
    events.map((event) => event.schemaVersion),
    events.map((event) => JSON.stringify(event.data)),
    events.map((event) => JSON.stringify(event.metadata)),
  ];
}

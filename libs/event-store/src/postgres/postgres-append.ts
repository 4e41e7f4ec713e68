import type { Pool } from 'pg';
import type { AppendResult, ExpectedRevision, PreparedEvent } from '../envelope';
import { WrongExpectedRevision } from '../errors';
import { encodedEvent } from '../encoded-events';
import type { Settled } from '../group-commit';
import { integerArray, textArray } from './array-literals';

/** One stream's part of an append. */
export interface AppendRequest {
  readonly streamId: string;
  readonly events: readonly PreparedEvent[];
  readonly expected: ExpectedRevision;
}

/** What a group commit gathers: one caller's appends, all written or none (usually one). */
export type AppendUnit = readonly AppendRequest[];

interface BatchRow {
  first_revision: number | null;
  last_position: string | null;
  actual_revision: string | null;
}

const actualRevision = (text: string): number | 'no_stream' => (text === 'no_stream' ? 'no_stream' : Number(text));

/** An error PostgreSQL itself reported: the statement failed and its transaction rolled back. */
const reportedByServer = (error: unknown): boolean => typeof (error as { code?: unknown }).code === 'string';

/**
 * Two writers appended to one stream at the same revision and the other got there first: append_units checks the
 * expected revision before inserting, and the unique (stream, revision) index catches one that moved meanwhile.
 */
const racedOnRevision = (error: unknown): boolean =>
  (error as { code?: unknown }).code === '23505' &&
  (error as { constraint?: unknown }).constraint === 'events_stream_revision_unique';

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Units of appends, to any streams, in one statement and one transaction, each unit all or nothing:
 * event_store.append_json_units (migration 5: migration 4's append_units taking json) checks each append's expected
 * revision in turn and reports a mismatch as that append's actual revision, undoing its unit, and writes the other
 * units. Units go in the order of their first stream (a stream's own units keep theirs), so batches of single appends
 * take their locks in the same order and never deadlock. Any other failure rolled the batch back as a whole; then
 * each unit is made again on its own, so only the one at fault fails (a duplicate event id, say).
 */
export async function appendBatch(
  pool: Pool,
  units: readonly AppendUnit[],
  raceRetries = 3,
): Promise<Settled<AppendResult[]>[]> {
  const sorted = units
    .map((unit, index) => ({ unit, index }))
    .sort((a, b) => compareText(a.unit[0]?.streamId ?? '', b.unit[0]?.streamId ?? '') || a.index - b.index);
  let rows: BatchRow[];
  try {
    rows = (await pool.query<BatchRow>({ ...BATCH_STATEMENT, values: batchParameters(sorted.map(({ unit }) => unit)) }))
      .rows;
  } catch (error) {
    if (units.length === 1 && racedOnRevision(error) && raceRetries > 0) {
      // Another writer took the revision after this statement's check: checked again, it is a conflict.
      return appendBatch(pool, units, raceRetries - 1);
    }
    if (units.length === 1 || !reportedByServer(error)) return units.map(() => ({ error }));
    const outcomes: Settled<AppendResult[]>[] = [];
    for (const unit of units) outcomes.push(...(await appendBatch(pool, [unit])));
    return outcomes;
  }
  const outcomes: Settled<AppendResult[]>[] = new Array(units.length);
  let at = 0;
  for (const { unit, index } of sorted) {
    outcomes[index] = unitOutcome(unit, rows.slice(at, at + unit.length));
    at += unit.length;
  }
  return outcomes;
}

function unitOutcome(unit: AppendUnit, rows: readonly BatchRow[]): Settled<AppendResult[]> {
  // The conflict that failed the unit, wherever it is in the unit (the appends before it were undone).
  for (const [offset, request] of unit.entries()) {
    const actual = rows[offset]?.actual_revision;
    if (actual != null) {
      return { error: new WrongExpectedRevision(request.streamId, request.expected, actualRevision(actual)) };
    }
  }
  const results: AppendResult[] = [];
  for (const [offset, request] of unit.entries()) {
    const row = rows[offset];
    if (row?.first_revision == null || row.last_position == null) {
      return { error: new Error(`append to ${request.streamId} returned nothing`) };
    }
    results.push({
      nextExpectedRevision: row.first_revision + request.events.length - 1,
      position: BigInt(row.last_position),
    });
  }
  return { value: results };
}

// Named: each pooled connection parses and plans it once.
const BATCH_STATEMENT = {
  name: 'event-store-append-json-units',
  text: `SELECT first_revision, last_position, actual_revision
  FROM event_store.append_json_units($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::json, $11::json)`,
};

/**
 * Appends as parallel arrays with each one's unit (1-based), and their events flattened with each one's append
 * (1-based) and offset in it; their data and metadata as two JSON arrays.
 */
function batchParameters(units: readonly AppendUnit[]): unknown[] {
  const requests: AppendRequest[] = [];
  const unitOf: number[] = [];
  const owners: number[] = [];
  const offsets: number[] = [];
  const events: PreparedEvent[] = [];
  units.forEach((unit, unitIndex) => {
    for (const request of unit) {
      requests.push(request);
      unitOf.push(unitIndex + 1);
      request.events.forEach((event, offset) => {
        owners.push(requests.length);
        offsets.push(offset);
        events.push(event);
      });
    }
  });
  const encoded = events.map(encodedEvent);
  return [
    textArray(requests.map((request) => request.streamId)),
    textArray(requests.map((request) => String(request.expected))),
    integerArray(requests.map((request) => request.events.length)),
    integerArray(unitOf),
    integerArray(owners),
    integerArray(offsets),
    textArray(events.map((event) => event.id)),
    textArray(events.map((event) => event.type)),
    integerArray(events.map((event) => event.schemaVersion)),
    // One JSON array each, from the texts the events were hashed from (encodedEvent): no json[] literal to quote,
    // and each element is stored as it is here (migration 5).
    `[${encoded.map((text) => text.data).join(',')}]`,
    `[${encoded.map((text) => text.metadata).join(',')}]`,
  ];
}

import {
  BACKWARDS,
  END,
  FORWARDS,
  START,
  type AllStreamRecordedEvent,
  type KurrentDBClient,
  type Position,
} from '@kurrent/kurrentdb-client';
import { compareEventStoreDbPositions } from './eventstoredb-checkpoint';
import { systemEventsFilter } from './system-events';

export interface AllPage {
  /** Strictly beyond `from` in the read's direction; system streams still in (see isUserEvent). */
  readonly records: readonly AllStreamRecordedEvent[];
  /** What the server sent, `from` included: fewer than maxCount means the read reached the end of $all. */
  readonly read: number;
  /** Where the next read in the same direction starts. */
  readonly last: Position | undefined;
}

/**
 * One read of $all with the readers' server-side filter, from `from` (or the end of the log in its direction).
 * A read from a position includes the event at it, which the caller has seen already: left out here.
 */
export async function readAllPage(
  client: KurrentDBClient,
  options: { readonly direction: 'forwards' | 'backwards'; readonly from?: Position; readonly maxCount: number },
): Promise<AllPage> {
  const backwards = options.direction === 'backwards';
  const { from } = options;
  const records: AllStreamRecordedEvent[] = [];
  let read = 0;
  let last = from;
  for await (const resolved of client.readAll({
    direction: backwards ? BACKWARDS : FORWARDS,
    fromPosition: from ?? (backwards ? END : START),
    maxCount: options.maxCount,
    filter: systemEventsFilter(),
  })) {
    read++;
    const record = resolved.event;
    if (!record) continue;
    last = record.position;
    const beyond = !from || compareEventStoreDbPositions(record.position, from) * (backwards ? -1 : 1) > 0;
    if (beyond) records.push(record);
  }
  return { records, read, last };
}

import { type ChangeRecorded, CHANGE_RECORDED, changeStreamId, type IsoTimestamp } from '@incident/domain';
import { StreamNotFound } from '../errors';
import type { RecordedEvent } from '../envelope';
import type { EventStore } from '../event-store.port';

/** A change as readers see it: what was recorded, and when the store took it. */
export type RecordedChange = ChangeRecorded['data'] & { readonly recordedAt: IsoTimestamp };

export interface ChangeWindow {
  readonly customerId: string;
  readonly service: string;
  /** Both inclusive, on the change's own time (`occurredAt`). */
  readonly from: IsoTimestamp;
  readonly until: IsoTimestamp;
  /**
   * Only changes the store had taken by then: a decision made at that moment is made again the same way later
   * (a replay, a redelivery), however many back-dated changes arrived since.
   */
  readonly recordedBy?: IsoTimestamp;
}

const PAGE = 100;
/** Publishers' clocks drift: a change recorded this long before the window opened may still be stamped inside it. */
const SKEW_MS = 60 * 60_000;

/**
 * The service's changes in the window, oldest first, read backwards from the stream's end, page by page, until
 * the store's own record time is well before the window: the cost is the changes since then, not the stream's
 * whole history. A service that never had a change has no stream: no changes.
 */
export async function changesInWindow(
  store: Pick<EventStore, 'readStream'>,
  window: ChangeWindow,
): Promise<RecordedChange[]> {
  const from = Date.parse(window.from);
  const until = Date.parse(window.until);
  const recordedBy = window.recordedBy === undefined ? Infinity : Date.parse(window.recordedBy);
  const streamId = changeStreamId(window.customerId, window.service);
  const found: RecordedChange[] = [];
  let fromRevision: number | undefined;
  for (;;) {
    let page: RecordedEvent[];
    try {
      page = await store.readStream(streamId, {
        direction: 'backwards',
        maxCount: PAGE,
        ...(fromRevision !== undefined && { fromRevision }),
      });
    } catch (error) {
      if (error instanceof StreamNotFound) return [];
      throw error;
    }
    for (const event of page) {
      if (event.type !== CHANGE_RECORDED) continue;
      const data = event.data as ChangeRecorded['data'];
      const at = Date.parse(data.occurredAt);
      const recorded = Date.parse(event.metadata.recordedAt);
      if (at >= from && at <= until && recorded <= recordedBy) {
        found.push({ ...data, recordedAt: event.metadata.recordedAt });
      }
    }
    const oldest = page.at(-1);
    if (!oldest || page.length < PAGE || oldest.streamRevision === 0) break;
    if (Date.parse(oldest.metadata.recordedAt) < from - SKEW_MS) break;
    fromRevision = oldest.streamRevision - 1;
  }
  return found.sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
}

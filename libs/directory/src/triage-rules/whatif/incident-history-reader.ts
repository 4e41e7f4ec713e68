import { type IncidentEvent, incidentIdOfStream } from '@incident/domain';
import { eventsAfter, type EventStore, type RecordedEvent } from '@incident/event-store';
import { foldHistoricIncident, type HistoricIncident } from './historic-incident';

/** The period of a what-if: incidents opened (recorded) at or after `from` and before `to`. */
export interface WhatIfPeriod {
  readonly from: Date;
  readonly to: Date;
}

export interface ReadProgress {
  /** Events read from the global log so far, of `total` (the log's length when the read began). */
  readonly events: number;
  readonly total: number;
  /** Incidents of the period found so far. */
  readonly incidents: number;
}

export interface ReadHistoryOptions {
  readonly pageSize?: number;
  readonly onProgress?: (progress: ReadProgress) => void;
}

/**
 * Reads the incidents opened in the period, with what was decided about them, from the store's global log.
 * It stops at the head as it stood when the read began, so an incident opened during a long run is left out
 * rather than seen half-decided. It reads and never writes, and keeps one small fold per incident, not events.
 * Every event of the log is read (the log has no index by time): the cost grows with the store.
 */
export async function readHistoricIncidents(
  store: Pick<EventStore, 'readAll' | 'head'>,
  period: WhatIfPeriod,
  options: ReadHistoryOptions = {},
): Promise<HistoricIncident[]> {
  const head = await store.head();
  if (head === undefined) return [];
  // Counted only for a progress display: one COUNT on PostgreSQL, but a whole extra pass on other stores.
  const total = options.onProgress === undefined ? 0 : await eventsAfter(store, undefined);
  const incidents = new Map<string, HistoricIncident>();
  const outside = new Set<string>();
  const pageSize = options.pageSize ?? 2_000;
  let after: string | undefined;
  let events = 0;
  let reachedHead = false;
  while (!reachedHead) {
    const page = await store.readAll({ ...(after === undefined ? {} : { after }), maxCount: pageSize });
    for (const event of page) {
      events += 1;
      fold(incidents, outside, period, event);
      // The log is ordered by checkpoint, not by position (PostgreSQL: transaction id first): stop at the head's.
      if (event.checkpoint === head.checkpoint) {
        reachedHead = true;
        break;
      }
    }
    after = page.at(-1)?.checkpoint ?? after;
    if (page.length < pageSize) reachedHead = true;
    options.onProgress?.({ events, total: Math.max(total, events), incidents: incidents.size });
  }
  return [...incidents.values()];
}

function fold(
  incidents: Map<string, HistoricIncident>,
  outside: Set<string>,
  period: WhatIfPeriod,
  event: RecordedEvent,
): void {
  const incidentId = incidentIdOfStream(event.streamId);
  if (incidentId === null || outside.has(incidentId)) return;
  const recordedAt = event.metadata.recordedAt;
  if (event.type === 'IncidentOpened' && !incidents.has(incidentId)) {
    const at = Date.parse(recordedAt);
    if (at < period.from.getTime() || at >= period.to.getTime()) {
      outside.add(incidentId);
      return;
    }
  }
  const folded = foldHistoricIncident(incidents.get(incidentId), event as unknown as IncidentEvent, recordedAt);
  if (folded !== undefined) incidents.set(incidentId, folded);
}

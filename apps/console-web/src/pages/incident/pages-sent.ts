import type { OncallPageRow, TimelineEntry } from '../../api/types';

export interface PageSent {
  readonly pageId: string;
  readonly target: string;
  readonly level: number;
  readonly at: string;
  /** "delivered by sms", "failed: no phone channel is configured", "sending". */
  readonly delivery: string;
  /** What came of it (the oncall_page read model): acknowledged, escalated, … ; null when not known. */
  readonly outcome: string | null;
}

const text = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback);
const count = (value: unknown): number => (typeof value === 'number' ? value : 0);

/**
 * Pages as the history tells them (PageRequested, then PageDelivered or PageFailed), joined with the read model's
 * rows, which also hold pages recorded after the fact (ResponderPaged) and what became of each page.
 */
export function pagesSent(entries: readonly TimelineEntry[], rows: readonly OncallPageRow[]): PageSent[] {
  const pages = new Map<string, PageSent>();
  for (const entry of entries) {
    const pageId = text(entry.details['pageId']);
    if (pageId === '') continue;
    const before = pages.get(pageId);
    if (entry.eventType === 'PageRequested') {
      pages.set(pageId, {
        pageId,
        target: text(entry.details['target'], '?'),
        level: count(entry.details['level']),
        at: entry.occurredAt,
        delivery: 'sending',
        outcome: null,
      });
    } else if (before && entry.eventType === 'PageDelivered') {
      pages.set(pageId, { ...before, delivery: `delivered by ${text(entry.details['channel'], 'a channel')}` });
    } else if (before && entry.eventType === 'PageFailed') {
      pages.set(pageId, { ...before, delivery: `failed: ${text(entry.details['reason'], 'no reason given')}` });
    }
  }
  for (const row of rows) {
    const before = pages.get(row.pageId);
    const outcome = `${row.outcome.replace(/_/g, ' ')}${row.answeredBy ? ` by ${row.answeredBy}` : ''}`;
    pages.set(row.pageId, {
      pageId: row.pageId,
      target: before?.target ?? row.responderId,
      level: before?.level ?? row.escalationLevel,
      at: before?.at ?? row.pagedAt,
      delivery: before?.delivery ?? `sent by ${row.channel}`,
      outcome,
    });
  }
  return [...pages.values()].sort((a, b) => a.at.localeCompare(b.at));
}

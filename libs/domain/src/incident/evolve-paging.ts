import { expectOpened } from './evolve-guards';
import type { PageDelivered, PageFailed, PageRequested } from './incident-events';
import type { IncidentState, PageRecord } from './incident-state';

/** Pages asked for and their outcomes; a delivered page counts as a page, as ResponderPaged does. */
export const evolvePaging = (
  state: IncidentState,
  event: PageRequested | PageDelivered | PageFailed,
): IncidentState => {
  const opened = expectOpened(state, event);
  if (event.type === 'PageRequested') {
    const { pageId, level, attempt, target, idempotencyKey } = event.data;
    const page: PageRecord = {
      pageId,
      cycle: opened.reopenCount,
      level,
      attempt,
      target,
      idempotencyKey,
      outcome: 'requested',
    };
    return { ...opened, pages: [...opened.pages, page] };
  }
  const outcome: PageRecord['outcome'] = event.type === 'PageDelivered' ? 'delivered' : 'failed';
  const pages = opened.pages.map((page) => (page.pageId === event.data.pageId ? { ...page, outcome } : page));
  return { ...opened, pages, pageCount: opened.pageCount + (outcome === 'delivered' ? 1 : 0) };
};

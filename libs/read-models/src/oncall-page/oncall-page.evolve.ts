import type { IncidentEventOf } from '@incident/domain';
import type { ProjectedEvent } from '../projection/projected-event';
import type { OncallPage } from './oncall-page.entity';

type Rows = readonly OncallPage[];

/** Settles the pages still pending that `pick` selects; the others stay the same objects. */
const settlePending = (rows: Rows, settle: (page: OncallPage) => OncallPage, pick = (_page: OncallPage) => true) =>
  rows.map((page) => (page.outcome === 'pending' && pick(page) ? settle(page) : page));

const standDown = (rows: Rows, at: string): Rows =>
  settlePending(rows, (page) => ({ ...page, outcome: 'stood_down', endedAt: new Date(at) }));

const fromDelivery = (data: IncidentEventOf<'PageDelivered'>['data']) => ({
  incidentId: data.incidentId,
  pageId: data.pageId,
  responderId: data.target,
  channel: data.channel,
  escalationLevel: data.level,
  pagedAt: data.deliveredAt,
});

/** The incident's pages after one event. */
export function evolveOncallPages(rows: Rows, { event }: ProjectedEvent): Rows {
  switch (event.type) {
    case 'ResponderPaged':
    case 'PageDelivered': {
      // A page the escalation service delivered (issue 15) is a page like one recorded after the fact.
      const { incidentId, pageId, responderId, channel, escalationLevel, pagedAt } =
        event.type === 'ResponderPaged' ? event.data : fromDelivery(event.data);
      const page: OncallPage = {
        incidentId,
        pageId,
        responderId,
        channel,
        escalationLevel,
        pagedAt: new Date(pagedAt),
        outcome: 'pending',
        answeredAt: null,
        answeredBy: null,
        endedAt: null,
      };
      // The domain does not insist on unique page ids; a repeated id is the same page sent again.
      return [...rows.filter((row) => row.pageId !== pageId), page];
    }
    case 'IncidentAcknowledged': {
      const { responderId, acknowledgedAt } = event.data;
      const at = new Date(acknowledgedAt);
      return settlePending(rows, (page) => ({
        ...page,
        outcome: page.responderId === responderId ? 'acknowledged' : 'answered_by_other',
        answeredAt: at,
        answeredBy: responderId,
        endedAt: at,
      }));
    }
    case 'IncidentEscalated': {
      // Pages below the new level went unanswered long enough, or help was asked for: they are superseded.
      const { toLevel, escalatedAt } = event.data;
      return settlePending(
        rows,
        (page) => ({ ...page, outcome: 'escalated', endedAt: new Date(escalatedAt) }),
        (page) => page.escalationLevel < toLevel,
      );
    }
    case 'IncidentResolved':
      return standDown(rows, event.data.resolvedAt);
    case 'IncidentMarkedNoAction':
      return standDown(rows, event.data.markedAt);
    case 'IncidentReturnedToCustomer':
      return standDown(rows, event.data.returnedAt);
    case 'IncidentClosed':
      return standDown(rows, event.data.closedAt);
    default:
      return rows;
  }
}

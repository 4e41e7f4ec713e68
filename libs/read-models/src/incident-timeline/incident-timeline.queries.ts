import type { CustomerScope } from '@incident/platform';
import type { DataSource } from 'typeorm';
import { IncidentSummary } from '../incident-summary/incident-summary.entity';
import { IncidentTimelineEntry } from './incident-timeline.entity';

/**
 * The incident's timeline in stream order, from a revision on (the primary key serves it). For a customer's
 * scope the rows are kept only when incident_summary says the incident is that customer's: the timeline has no
 * customer column, and a timeline projected ahead of its summary row stays hidden until the summary arrives.
 */
export function incidentTimeline(
  dataSource: DataSource,
  scope: CustomerScope,
  incidentId: string,
  page: { readonly fromRevision: number; readonly limit: number },
): Promise<IncidentTimelineEntry[]> {
  const query = dataSource
    .getRepository(IncidentTimelineEntry)
    .createQueryBuilder('t')
    .where('t.incidentId = :incidentId', { incidentId })
    .andWhere('t.streamRevision >= :fromRevision', { fromRevision: page.fromRevision });
  if (scope.kind === 'customer') {
    const owned = dataSource
      .getRepository(IncidentSummary)
      .createQueryBuilder('s')
      .select('1')
      .where('s.incidentId = t.incidentId')
      .andWhere('s.customerId = :scopeCustomerId');
    query.andWhere(`EXISTS (${owned.getQuery()})`, { scopeCustomerId: scope.customerId });
  }
  return query.orderBy('t.streamRevision', 'ASC').limit(page.limit).getMany();
}

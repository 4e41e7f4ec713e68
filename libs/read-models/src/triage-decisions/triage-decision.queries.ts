import type { CustomerScope } from '@incident/platform';
import type { DataSource } from 'typeorm';
import { IncidentSummary } from '../incident-summary/incident-summary.entity';
import { TriageDecision } from './triage-decision.entity';

/**
 * The incident's classifications, oldest first. As for the timeline, a customer's scope keeps the rows only when
 * incident_summary says the incident is that customer's.
 */
export function triageDecisions(
  dataSource: DataSource,
  scope: CustomerScope,
  incidentId: string,
): Promise<TriageDecision[]> {
  const query = dataSource
    .getRepository(TriageDecision)
    .createQueryBuilder('d')
    .where('d.incidentId = :incidentId', { incidentId });
  if (scope.kind === 'customer') {
    const owned = dataSource
      .getRepository(IncidentSummary)
      .createQueryBuilder('s')
      .select('1')
      .where('s.incidentId = d.incidentId')
      .andWhere('s.customerId = :scopeCustomerId');
    query.andWhere(`EXISTS (${owned.getQuery()})`, { scopeCustomerId: scope.customerId });
  }
  return query.orderBy('d.streamRevision', 'ASC').getMany();
}

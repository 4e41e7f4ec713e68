import type { DataSource } from 'typeorm';
import { MoreThanOrEqual } from 'typeorm';
import { IncidentTimelineEntry } from './incident-timeline.entity';

/** The incident's timeline in stream order, from a revision on (the primary key serves it). */
export function incidentTimeline(
  dataSource: DataSource,
  incidentId: string,
  page: { readonly fromRevision: number; readonly limit: number },
): Promise<IncidentTimelineEntry[]> {
  return dataSource.getRepository(IncidentTimelineEntry).find({
    where: { incidentId, streamRevision: MoreThanOrEqual(page.fromRevision) },
    order: { streamRevision: 'ASC' },
    take: page.limit,
  });
}

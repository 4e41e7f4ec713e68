import type { IncidentCategory, IncidentStatus, Severity } from '@incident/domain';
import type { CustomerScope } from '@incident/platform';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { decodeCursor, encodeCursor } from './incident-cursor';
import { type Disposition, IncidentSummary } from './incident-summary.entity';

export interface IncidentFilter {
  readonly statuses?: readonly IncidentStatus[];
  readonly severities?: readonly Severity[];
  readonly team?: string;
  readonly customerId?: string;
  readonly service?: string;
  readonly drill?: boolean;
  readonly categories?: readonly IncidentCategory[];
  /** A person's id, or a team's when the incident was handed to a team. */
  readonly assignee?: string;
  readonly slaBreached?: boolean;
  /** `none`: no disposition (the incident was, or is being, worked on). */
  readonly dispositions?: readonly (Disposition | 'none')[];
  readonly reviewRequired?: boolean;
  /** true: a customer update was due before `at`; false: none is (not due yet, or none owed). */
  readonly customerUpdateOverdue?: { readonly overdue: boolean; readonly at: Date };
  /** Inclusive. */
  readonly openedFrom?: Date;
  /** Exclusive. */
  readonly openedTo?: Date;
}

export interface IncidentPage {
  readonly items: IncidentSummary[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  readonly nextCursor: string | null;
}

/** Keeps a query on incident_summary (aliased `s`) to the scope's customer; every query here goes through it. */
export function applyScope<T extends object>(
  query: SelectQueryBuilder<T>,
  scope: CustomerScope,
): SelectQueryBuilder<T> {
  return scope.kind === 'all'
    ? query
    : query.andWhere('s.customerId = :scopeCustomerId', { scopeCustomerId: scope.customerId });
}

/** How the incident is being handled: category, assignee, SLA breach, disposition, review, customer updates. */
function applyHandlingFilters(query: SelectQueryBuilder<IncidentSummary>, filter: IncidentFilter): void {
  if (filter.categories?.length) query.andWhere('s.category IN (:...categories)', { categories: filter.categories });
  if (filter.assignee !== undefined) query.andWhere('s.assignee = :assignee', { assignee: filter.assignee });
  if (filter.slaBreached !== undefined)
    query.andWhere('s.slaBreached = :slaBreached', { slaBreached: filter.slaBreached });
  if (filter.dispositions?.length) {
    const named = filter.dispositions.filter((disposition) => disposition !== 'none');
    const none = filter.dispositions.includes('none');
    const clauses = [
      ...(named.length ? ['s.disposition IN (:...dispositions)'] : []),
      ...(none ? ['s.disposition IS NULL'] : []),
    ];
    query.andWhere(`(${clauses.join(' OR ')})`, { dispositions: named });
  }
  if (filter.reviewRequired !== undefined) {
    query.andWhere('s.reviewRequired = :reviewRequired', { reviewRequired: filter.reviewRequired });
  }
  const late = filter.customerUpdateOverdue;
  if (late) {
    query.andWhere(
      late.overdue
        ? 's.nextCustomerUpdateDue < :updateDueBefore'
        : '(s.nextCustomerUpdateDue IS NULL OR s.nextCustomerUpdateDue >= :updateDueBefore)',
      { updateDueBefore: late.at },
    );
  }
}

/**
 * Newest first, ties broken by id: a total order, so a keyset cursor neither repeats nor skips rows even while
 * new incidents arrive (they sort before the first page). Served by incident_summary_opened_idx.
 */
export async function listIncidents(
  dataSource: DataSource,
  scope: CustomerScope,
  filter: IncidentFilter,
  page: { readonly limit: number; readonly cursor?: string },
): Promise<IncidentPage> {
  const query = applyScope(dataSource.getRepository(IncidentSummary).createQueryBuilder('s'), scope);
  if (filter.statuses?.length) query.andWhere('s.status IN (:...statuses)', { statuses: filter.statuses });
  if (filter.severities?.length) query.andWhere('s.severity IN (:...severities)', { severities: filter.severities });
  if (filter.team !== undefined) query.andWhere('s.team = :team', { team: filter.team });
  if (filter.customerId !== undefined) query.andWhere('s.customerId = :customerId', { customerId: filter.customerId });
  if (filter.service !== undefined) query.andWhere('s.service = :service', { service: filter.service });
  if (filter.drill !== undefined) query.andWhere('s.drill = :drill', { drill: filter.drill });
  applyHandlingFilters(query, filter);
  if (filter.openedFrom) query.andWhere('s.openedAt >= :openedFrom', { openedFrom: filter.openedFrom });
  if (filter.openedTo) query.andWhere('s.openedAt < :openedTo', { openedTo: filter.openedTo });
  if (page.cursor !== undefined) {
    const after = decodeCursor(page.cursor);
    query.andWhere('(s.openedAt, s.incidentId) < (:afterOpenedAt, :afterId)', {
      afterOpenedAt: after.openedAt,
      afterId: after.incidentId,
    });
  }
  const rows = await query
    .orderBy('s.openedAt', 'DESC')
    .addOrderBy('s.incidentId', 'DESC')
    .limit(page.limit + 1)
    .getMany();
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  const nextCursor =
    rows.length > page.limit && last ? encodeCursor({ openedAt: last.openedAt, incidentId: last.incidentId }) : null;
  return { items, nextCursor };
}

/** Null for an incident outside the scope, exactly as for one that does not exist: callers answer both 404. */
export function findIncident(
  dataSource: DataSource,
  scope: CustomerScope,
  incidentId: string,
): Promise<IncidentSummary | null> {
  const query = dataSource.getRepository(IncidentSummary).createQueryBuilder('s');
  return applyScope(query.where('s.incidentId = :incidentId', { incidentId }), scope).getOne();
}

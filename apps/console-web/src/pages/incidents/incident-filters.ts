import type { IncidentSummary } from '../../api/types';

/** The list's filters; an empty string or list means "any". */
export interface IncidentFilters {
  readonly statuses: readonly string[];
  readonly severities: readonly string[];
  readonly categories: readonly string[];
  readonly team: string;
  readonly customer: string;
  readonly assignee: string;
  /** 'real': drills left out; 'drill': drills only; 'all'. */
  readonly drill: 'real' | 'drill' | 'all';
}

export const NO_FILTERS: IncidentFilters = {
  statuses: [],
  severities: [],
  categories: [],
  team: '',
  customer: '',
  assignee: '',
  drill: 'all',
};

/** The filters as GET /v1/incidents query parameters (the API takes comma-separated lists). */
export function filtersToQuery(filters: IncidentFilters, limit = 200): string {
  const params = new URLSearchParams({ limit: String(limit) });
  if (filters.statuses.length > 0) params.set('status', filters.statuses.join(','));
  if (filters.severities.length > 0) params.set('severity', filters.severities.join(','));
  if (filters.categories.length > 0) params.set('category', filters.categories.join(','));
  for (const field of ['team', 'customer', 'assignee'] as const) {
    if (filters[field].trim() !== '') params.set(field, filters[field].trim());
  }
  if (filters.drill !== 'all') params.set('drill', String(filters.drill === 'drill'));
  return params.toString();
}

const within = (allowed: readonly string[], value: string | null): boolean =>
  allowed.length === 0 || (value !== null && allowed.includes(value));
const equals = (wanted: string, value: string | null): boolean => wanted.trim() === '' || wanted.trim() === value;

/** The same filters applied to one incident pushed by the live stream, as the API would have applied them. */
export function matchesFilters(incident: IncidentSummary, filters: IncidentFilters): boolean {
  return (
    within(filters.statuses, incident.status) &&
    within(filters.severities, incident.severity) &&
    within(filters.categories, incident.category) &&
    equals(filters.team, incident.team) &&
    equals(filters.customer, incident.customerId) &&
    equals(filters.assignee, incident.assignee) &&
    (filters.drill === 'all' || incident.drill === (filters.drill === 'drill'))
  );
}

/**
 * The list after one pushed change: replaced in place, added at the top when new, dropped when it no longer
 * matches. An older revision than the one shown (events may cross on the wire) changes nothing.
 */
export function applyIncidentChange(
  list: readonly IncidentSummary[],
  incident: IncidentSummary,
  filters: IncidentFilters,
): readonly IncidentSummary[] {
  const index = list.findIndex((shown) => shown.incidentId === incident.incidentId);
  const shown = index === -1 ? undefined : list[index];
  if (shown && shown.lastRevision > incident.lastRevision) return list;
  if (!matchesFilters(incident, filters)) return index === -1 ? list : list.filter((_, i) => i !== index);
  if (index === -1) return [incident, ...list];
  return list.map((item, i) => (i === index ? incident : item));
}

/** How many of the listed incidents have each value of `field` (unclassified ones under "unknown"). */
export function countBy(list: readonly IncidentSummary[], field: 'status' | 'severity'): Map<string, number> {
  const counts = new Map<string, number>();
  for (const incident of list) {
    const value = incident[field] ?? 'unknown';
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return counts;
}

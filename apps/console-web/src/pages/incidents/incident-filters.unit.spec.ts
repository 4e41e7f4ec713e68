import type { IncidentSummary } from '../../api/types';
import { applyIncidentChange, countBy, filtersToQuery, matchesFilters, NO_FILTERS } from './incident-filters';

const incident = (fields: Partial<IncidentSummary>): IncidentSummary =>
  ({
    incidentId: 'a',
    status: 'triggered',
    severity: 'high',
    category: 'availability.downtime',
    team: 'infrastructure',
    customerId: 'acme',
    assignee: null,
    drill: false,
    lastRevision: 0,
    ...fields,
  }) as IncidentSummary;

describe('filtersToQuery', () => {
  it('sends lists comma-separated and leaves out what is not filtered', () => {
    const query = filtersToQuery({ ...NO_FILTERS, statuses: ['triggered', 'acknowledged'], drill: 'real', team: ' ' });

    expect(query).toBe('limit=200&status=triggered%2Cacknowledged&drill=false');
  });
});

describe('matchesFilters', () => {
  it('applies every filter as the API does', () => {
    expect(matchesFilters(incident({}), { ...NO_FILTERS, severities: ['high'], customer: 'acme' })).toBe(true);
    expect(matchesFilters(incident({}), { ...NO_FILTERS, severities: ['urgent'] })).toBe(false);
    expect(matchesFilters(incident({ drill: true }), { ...NO_FILTERS, drill: 'real' })).toBe(false);
    expect(matchesFilters(incident({ severity: null }), { ...NO_FILTERS, severities: ['high'] })).toBe(false);
  });
});

describe('applyIncidentChange', () => {
  it('puts a new incident at the top', () => {
    const list = [incident({ incidentId: 'old' })];

    expect(applyIncidentChange(list, incident({ incidentId: 'new' }), NO_FILTERS).map((i) => i.incidentId)).toEqual([
      'new',
      'old',
    ]);
  });

  it('replaces a shown incident in place, ignoring an older revision', () => {
    const list = [incident({ status: 'acknowledged', lastRevision: 3 })];

    expect(applyIncidentChange(list, incident({ status: 'resolved', lastRevision: 4 }), NO_FILTERS)[0]?.status).toBe(
      'resolved',
    );
    expect(applyIncidentChange(list, incident({ status: 'triggered', lastRevision: 2 }), NO_FILTERS)).toBe(list);
  });

  it('drops an incident that no longer matches the filters', () => {
    const filters = { ...NO_FILTERS, statuses: ['triggered'] };
    const list = [incident({})];

    expect(applyIncidentChange(list, incident({ status: 'acknowledged', lastRevision: 1 }), filters)).toEqual([]);
  });
});

describe('countBy', () => {
  it('counts per value, unclassified as unknown', () => {
    const counts = countBy([incident({}), incident({ severity: null }), incident({})], 'severity');

    expect([...counts]).toEqual([
      ['high', 2],
      ['unknown', 1],
    ]);
  });
});

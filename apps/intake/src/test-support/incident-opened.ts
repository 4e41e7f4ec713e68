import type { IncidentEvent, IncidentEventOf } from '@incident/domain';

type Opened = IncidentEventOf<'IncidentOpened'>['data'];

/** An incident as the intake's view folds it: i-1, opened by alert `a` at 10:00 on 22 November 2026. */
export const incidentOpened = (data: Partial<Opened> = {}): IncidentEvent => ({
  type: 'IncidentOpened',
  data: {
    incidentId: 'i-1',
    dedupKey: 'a',
    source: 's',
    customerId: 'acme',
    service: 'svc',
    title: 't',
    category: null,
    severity: null,
    labels: {},
    drill: false,
    alertId: 'a',
    openedAt: '2026-11-22T10:00:00.000Z',
    ...data,
  },
});

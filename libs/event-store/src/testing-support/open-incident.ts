import type { IncidentCommand } from '@incident/domain';

/** The command that starts every incident these tests work on: a disk filling up, at 04:00. */
export const openIncident = (incidentId: string, openedAt = '2026-11-22T04:00:00.000Z'): IncidentCommand => ({
  type: 'OpenIncident',
  data: {
    incidentId,
    dedupKey: 'disk-full',
    source: 'alertmanager',
    customerId: 'acme',
    service: 'db',
    title: 'Disk full on db-1',
    openedAt,
  },
});

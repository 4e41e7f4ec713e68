import type { IncidentEventType } from '@incident/domain';

/** What starts, meets, breaches or stops an SLA clock, and what classifies it for dashboards. */
export const SLA_STATUS_EVENTS: ReadonlySet<IncidentEventType> = new Set<IncidentEventType>([
  'IncidentOpened',
  'IncidentReopened',
  'IncidentTriaged',
  'IncidentReclassified',
  'IncidentMarkedNoAction',
  'IncidentReturnedToCustomer',
  'IncidentAcknowledged',
  'IncidentMitigated',
  'IncidentResolved',
  'SlaBreached',
  'IncidentClosed',
  'SlaClockStarted',
  'SeverityChanged',
]);

import type { IncidentEventType } from '@incident/domain';

/** What opens a response cycle, classifies it, times its milestones (the review's too) and records its SLA breaches. */
export const RESPONSE_METRICS_EVENTS: ReadonlySet<IncidentEventType> = new Set<IncidentEventType>([
  'IncidentOpened',
  'IncidentReopened',
  'IncidentTriaged',
  'IncidentReclassified',
  'IncidentReturnedToCustomer',
  'IncidentAcknowledged',
  'IncidentMitigated',
  'IncidentResolved',
  'ReviewPublished',
  'SlaBreached',
]);

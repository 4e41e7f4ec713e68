import type { IncidentEventType } from '@incident/domain';

/** A page starts pending; an acknowledgement, an escalation or the end of the response cycle settles it. */
export const ONCALL_PAGE_EVENTS: ReadonlySet<IncidentEventType> = new Set<IncidentEventType>([
  'ResponderPaged',
  'PageDelivered',
  'IncidentAcknowledged',
  'IncidentEscalated',
  'IncidentResolved',
  'IncidentMarkedNoAction',
  'IncidentReturnedToCustomer',
  'IncidentClosed',
]);

import type { IncidentEventOf, IncidentEventType } from '../incident/incident-events';
import { INCIDENT_ID, at } from './incident-fixtures';

type EventData<T extends IncidentEventType> = Omit<IncidentEventOf<T>['data'], 'incidentId'>;

/** An expected event of this incident: `expectEvent(type, data)` without repeating the incident id. */
export const expectEvent = <T extends IncidentEventType>(type: T, data: EventData<T>): IncidentEventOf<T> =>
  ({ type, data: { incidentId: INCIDENT_ID, ...data } }) as unknown as IncidentEventOf<T>;

const decidedAs =
  <T extends IncidentEventType>(type: T, defaults: EventData<T>) =>
  (overrides: Partial<EventData<T>> = {}): IncidentEventOf<T> =>
    expectEvent(type, { ...defaults, ...overrides } as EventData<T>);

/**
 * The events the decider decides for the default `command(type)` (at minute 60) on an ordinary history, so a
 * test names only what its case changes. Kept next to the command defaults they follow from.
 */
export const decided = {
  alertCorrelated: decidedAs('AlertCorrelated', { alertId: 'alert-2', alertCount: 2, receivedAt: at(60) }),
  alertResolvedAtSource: decidedAs('AlertResolvedAtSource', {
    alertId: 'alert-1',
    allAlertsResolved: true,
    resolvedAt: at(60),
  }),
  triaged: decidedAs('IncidentTriaged', {
    severity: 'urgent',
    category: 'availability.downtime',
    owningTeam: 'infrastructure',
    ruleId: 'rule-availability',
    preApprovedMinutes: 480,
    triagedAt: at(60),
  }),
  reclassified: decidedAs('IncidentReclassified', {
    severity: 'urgent',
    category: 'availability.downtime',
    owningTeam: 'infrastructure',
    ruleId: 'rule-availability',
    preApprovedMinutes: 480,
    triagedAt: at(60),
  }),
  acknowledged: decidedAs('IncidentAcknowledged', { responderId: 'bob', acknowledgedAt: at(60) }),
  markedNoAction: decidedAs('IncidentMarkedNoAction', {
    reason: 'a new workflow under test',
    decidedBy: 'rule-errors-test',
    markedAt: at(60),
  }),
  returnedToCustomer: decidedAs('IncidentReturnedToCustomer', {
    reason: 'application problem; no application support in the subscription',
    returnedBy: 'rule-entitlement',
    previousSeverity: 'high',
    downgradedTo: 'low',
    returnedAt: at(60),
  }),
  severityChanged: decidedAs('SeverityChanged', {
    previousSeverity: 'high',
    severity: 'low',
    reason: 'returned to the customer',
    changedBy: 'alice',
    changedAt: at(60),
  }),
  mitigated: decidedAs('IncidentMitigated', {
    mitigatedBy: 'alice',
    summary: 'traffic redirected',
    achievedBy: null,
    mitigatedAt: at(60),
  }),
  resolved: decidedAs('IncidentResolved', {
    cause: 'responder',
    resolvedBy: 'alice',
    summary: 'pods restarted',
    reviewRequired: true,
    resolvedAt: at(60),
  }),
  reopened: decidedAs('IncidentReopened', { alertId: 'alert-3', reopenCount: 1, alertCount: 2, reopenedAt: at(60) }),
  statusUpdatePosted: decidedAs('StatusUpdatePosted', {
    audience: 'customer',
    message: 'We are investigating',
    postedBy: 'alice',
    postedAt: at(60),
  }),
  timeLogged: decidedAs('TimeLogged', {
    responderId: 'alice',
    kind: 'corrective',
    minutes: 45,
    totalMinutes: 45,
    period: null,
    note: null,
    loggedAt: at(60),
  }),
  closed: decidedAs('IncidentClosed', { closedBy: 'carol', note: null, closedAt: at(60) }),
};

import type { IncidentCommandOf, IncidentCommandType } from '../incident/incident-commands';
import type { IncidentEventOf, IncidentEventType } from '../incident/incident-events';
import { INCIDENT_ID, at, command } from './incident-fixtures';

type EventData<T extends IncidentEventType> = Omit<IncidentEventOf<T>['data'], 'incidentId'>;

/** An expected event of this incident: `expectEvent(type, data)` without repeating the incident id. */
export const expectEvent = <T extends IncidentEventType>(type: T, data: EventData<T>): IncidentEventOf<T> =>
  ({ type, data: { incidentId: INCIDENT_ID, ...data } }) as unknown as IncidentEventOf<T>;

/** The default command's data (incident id aside): most events carry it as it came. */
const commanded = <T extends IncidentCommandType>(type: T): Omit<IncidentCommandOf<T>['data'], 'incidentId'> => {
  const { incidentId: _incidentId, ...data } = command(type).data;
  return data as unknown as Omit<IncidentCommandOf<T>['data'], 'incidentId'>;
};

const decidedAs =
  <T extends IncidentEventType>(type: T, defaults: object) =>
  (overrides: Partial<EventData<T>> = {}): IncidentEventOf<T> =>
    expectEvent(type, { ...defaults, ...overrides } as EventData<T>);

/**
 * The events the decider decides for the default `command(type)` (at minute 60) on an ordinary history, so a
 * test names only what its case changes. Built from the command defaults they follow from.
 */
export const decided = {
  alertCorrelated: decidedAs('AlertCorrelated', { ...commanded('CorrelateAlert'), alertCount: 2 }),
  alertResolvedAtSource: decidedAs('AlertResolvedAtSource', commanded('ResolveAlertAtSource')),
  triaged: decidedAs('IncidentTriaged', { ...commanded('TriageIncident'), maintenanceWindowId: null }),
  reclassified: decidedAs('IncidentReclassified', { ...commanded('TriageIncident'), maintenanceWindowId: null }),
  acknowledged: decidedAs('IncidentAcknowledged', commanded('AcknowledgeIncident')),
  markedNoAction: decidedAs('IncidentMarkedNoAction', commanded('MarkIncidentNoAction')),
  returnedToCustomer: decidedAs('IncidentReturnedToCustomer', {
    reason: 'application problem; no application support in the subscription',
    returnedBy: 'rule-entitlement',
    previousSeverity: 'high',
    downgradedTo: 'low',
    returnedAt: at(60),
  }),
  severityChanged: decidedAs('SeverityChanged', { ...commanded('ChangeSeverity'), previousSeverity: 'high' }),
  mitigated: decidedAs('IncidentMitigated', { ...commanded('MitigateIncident'), achievedBy: null }),
  resolved: decidedAs('IncidentResolved', {
    cause: 'responder',
    ...commanded('ResolveIncident'),
    reviewRequired: true,
  }),
  reopened: decidedAs('IncidentReopened', { alertId: 'alert-3', reopenCount: 1, alertCount: 2, reopenedAt: at(60) }),
  statusUpdatePosted: decidedAs('StatusUpdatePosted', commanded('PostStatusUpdate')),
  timeLogged: decidedAs('TimeLogged', { ...commanded('LogTime'), totalMinutes: 45, period: null, note: null }),
  closed: decidedAs('IncidentClosed', { ...commanded('CloseIncident'), note: null }),
  escalated: decidedAs('IncidentEscalated', { ...commanded('EscalateIncident'), fromLevel: 1, note: null }),
  approvalRequested: decidedAs('RemediationApprovalRequested', commanded('RequestRemediationApproval')),
  approvalWithdrawn: decidedAs('RemediationApprovalWithdrawn', commanded('WithdrawRemediationApproval')),
  approvalExpired: decidedAs('RemediationApprovalExpired', {
    ...commanded('ExpireRemediationApproval'),
    validUntil: commanded('RequestRemediationApproval').validUntil,
  }),
};

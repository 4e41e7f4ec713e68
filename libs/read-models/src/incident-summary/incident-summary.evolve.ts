import { assertNever } from '@incident/domain';
import type { ProjectedEvent } from '../projection/projected-event';
import type { IncidentSummary } from './incident-summary.entity';

const at = (iso: string): Date => new Date(iso);

/** The row after one event; `undefined` only before the incident was opened (nothing to show yet). */
export function evolveIncidentSummary(
  row: IncidentSummary | undefined,
  projected: ProjectedEvent,
): IncidentSummary | undefined {
  const { event, placement } = projected;
  if (event.type === 'IncidentOpened') {
    const data = event.data;
    return {
      incidentId: data.incidentId,
      status: 'triggered',
      severity: data.severity,
      category: data.category,
      team: null,
      customerId: data.customerId,
      service: data.service,
      title: data.title,
      source: data.source,
      dedupKey: data.dedupKey,
      alertCount: 1,
      reopenCount: 0,
      pageCount: 0,
      escalationLevel: 1,
      assignee: null,
      drill: data.drill,
      slaBreached: false,
      loggedMinutes: 0,
      openedAt: at(data.openedAt),
      triagedAt: null,
      acknowledgedAt: null,
      mitigatedAt: null,
      resolvedAt: null,
      closedAt: null,
      reopenedAt: null,
      lastEventAt: at(placement.occurredAt),
      lastRevision: placement.streamRevision,
    };
  }
  if (!row) return undefined;
  const next = { ...row, lastEventAt: at(placement.occurredAt), lastRevision: placement.streamRevision };
  switch (event.type) {
    case 'AlertCorrelated':
      return { ...next, alertCount: event.data.alertCount };
    case 'IncidentReopened':
      // A new response cycle, as in the domain: who acknowledged and when, and the level, start over.
      return {
        ...next,
        status: 'triggered',
        reopenCount: event.data.reopenCount,
        alertCount: event.data.alertCount,
        reopenedAt: at(event.data.reopenedAt),
        assignee: null,
        escalationLevel: 1,
        slaBreached: false,
        acknowledgedAt: null,
        mitigatedAt: null,
        resolvedAt: null,
      };
    case 'IncidentTriaged':
    case 'IncidentReclassified': {
      const { severity, category, owningTeam, triagedAt } = event.data;
      const status = event.type === 'IncidentTriaged' ? 'triaged' : next.status;
      return { ...next, status, severity, category, team: owningTeam, triagedAt: at(triagedAt) };
    }
    case 'IncidentMarkedNoAction':
      return { ...next, status: 'no_action' };
    case 'IncidentReturnedToCustomer':
      return { ...next, status: 'returned_to_customer', severity: event.data.downgradedTo ?? next.severity };
    case 'ResponderPaged':
    case 'PageDelivered':
      return { ...next, pageCount: next.pageCount + 1 };
    case 'IncidentAcknowledged':
      return {
        ...next,
        status: 'acknowledged',
        assignee: event.data.responderId,
        acknowledgedAt: at(event.data.acknowledgedAt),
      };
    case 'IncidentEscalated':
      return { ...next, escalationLevel: event.data.toLevel };
    case 'SlaBreached':
      return { ...next, slaBreached: true };
    case 'TimeLogged':
      return { ...next, loggedMinutes: event.data.totalMinutes };
    case 'IncidentMitigated':
      return { ...next, status: 'mitigated', mitigatedAt: at(event.data.mitigatedAt) };
    case 'IncidentResolved':
      return { ...next, status: 'resolved', resolvedAt: at(event.data.resolvedAt) };
    case 'ReviewStarted':
      return { ...next, status: 'in_review' };
    case 'IncidentClosed':
      return { ...next, status: 'closed', closedAt: at(event.data.closedAt) };
    case 'SeverityChanged':
      return { ...next, severity: event.data.severity };
    case 'IncidentReassigned':
      return event.data.assigneeKind === 'person'
        ? { ...next, assignee: event.data.assignee }
        : { ...next, team: event.data.assignee, assignee: null };
    case 'IncidentUnacknowledged':
      return { ...next, status: event.data.status, assignee: null, acknowledgedAt: null };
    case 'AlertResolvedAtSource':
    case 'ReviewWaived':
    case 'IncidentLinked':
    case 'ContainmentApplied':
    case 'RemediationProposed':
    case 'RemediationApprovalRequested':
    case 'RemediationApproved':
    case 'RemediationRejected':
    case 'RemediationExecuted':
    case 'RemediationFailed':
    case 'RemediationApprovalExpired':
    case 'RemediationApprovalWithdrawn':
    case 'ContainmentLifted':
    case 'ResponseTeamAssembled':
    case 'CustomerNotified':
    case 'StatusUpdatePosted':
    case 'PreApprovedHoursExceeded':
    case 'RootCauseRecorded':
    case 'ActionItemAdded':
    case 'ActionItemCompleted':
    case 'ReviewPublished':
    case 'PageRequested':
    case 'PageFailed':
    case 'SlaClockStarted':
      return next;
    default:
      return assertNever(event, 'incident event');
  }
}

import { assertNever } from '@incident/domain';
import { type DirectoryTerms, NO_TERMS } from '../directory-terms/directory-terms';
import type { ProjectedEvent } from '../projection/projected-event';
import { ruleSetVersionOf } from '../triage-decisions/triage-provenance';
import { customerUpdated } from './customer-update';
import type { IncidentLink, IncidentSummary } from './incident-summary.entity';

const at = (iso: string): Date => new Date(iso);

const UNASSIGNED = { assignee: null, assigneeKind: null, assignedAt: null } as const;

/** Nothing more is owed to the customer on a cadence once the response cycle has ended. */
const UPDATES_STOP = { nextCustomerUpdateDue: null } as const;

const withLink = (links: readonly IncidentLink[], link: IncidentLink): IncidentLink[] =>
  links.some((known) => known.incidentId === link.incidentId && known.relation === link.relation)
    ? [...links]
    : [...links, link];

/**
 * The row after one event; `undefined` only before the incident was opened (nothing to show yet). `terms`: the
 * directory in force at the event, for the customer-update cadence.
 */
export function evolveIncidentSummary(
  row: IncidentSummary | undefined,
  projected: ProjectedEvent,
  terms: DirectoryTerms = NO_TERMS,
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
      assigneeKind: null,
      assignedAt: null,
      drill: data.drill,
      slaBreached: false,
      loggedMinutes: 0,
      reviewRequired: null,
      disposition: null,
      dispositionReason: null,
      lastCustomerUpdateAt: null,
      nextCustomerUpdateDue: null,
      links: [],
      ruleId: null,
      ruleSetVersion: null,
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
        ...UNASSIGNED,
        reviewRequired: null,
        disposition: null,
        dispositionReason: null,
        escalationLevel: 1,
        slaBreached: false,
        acknowledgedAt: null,
        mitigatedAt: null,
        resolvedAt: null,
      };
    case 'IncidentTriaged':
    case 'IncidentReclassified': {
      const { severity, category, owningTeam, ruleId, triagedAt } = event.data;
      const status = event.type === 'IncidentTriaged' ? 'triaged' : next.status;
      const provenance = { ruleId, ruleSetVersion: ruleSetVersionOf(event.data) };
      return { ...next, status, severity, category, team: owningTeam, triagedAt: at(triagedAt), ...provenance };
    }
    case 'IncidentMarkedNoAction':
      return {
        ...next,
        ...UPDATES_STOP,
        status: 'no_action',
        disposition: 'no_action',
        dispositionReason: event.data.reason,
      };
    case 'IncidentReturnedToCustomer':
      return {
        ...next,
        ...UPDATES_STOP,
        status: 'returned_to_customer',
        severity: event.data.downgradedTo ?? next.severity,
        disposition: 'returned_to_customer',
        dispositionReason: event.data.reason,
      };
    case 'ResponderPaged':
    case 'PageDelivered':
      return { ...next, pageCount: next.pageCount + 1 };
    case 'IncidentAcknowledged':
      return {
        ...next,
        status: 'acknowledged',
        assignee: event.data.responderId,
        assigneeKind: 'person',
        assignedAt: at(event.data.acknowledgedAt),
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
    case 'IncidentResolved': {
      const { reviewRequired, resolvedAt } = event.data;
      return { ...next, ...UPDATES_STOP, status: 'resolved', resolvedAt: at(resolvedAt), reviewRequired };
    }
    case 'ReviewWaived':
      return { ...next, reviewRequired: false };
    case 'ReviewStarted':
      // As in the domain: a started review is published or waived before closing.
      return { ...next, status: 'in_review', reviewRequired: true };
    case 'IncidentClosed':
      return { ...next, ...UPDATES_STOP, status: 'closed', closedAt: at(event.data.closedAt) };
    case 'SeverityChanged':
      return { ...next, severity: event.data.severity };
    case 'IncidentReassigned': {
      // Handed to a team, the team owns it too, and its on-call is still to acknowledge (as in the domain).
      const { assigneeKind, assignee, reassignedAt } = event.data;
      const assigned = { assignee, assigneeKind, assignedAt: at(reassignedAt) };
      return assigneeKind === 'person' ? { ...next, ...assigned } : { ...next, ...assigned, team: assignee };
    }
    case 'IncidentUnacknowledged':
      return { ...next, ...UNASSIGNED, status: event.data.status, acknowledgedAt: null };
    case 'CustomerNotified': {
      const { notifiedAt, nextUpdateDue } = event.data;
      return { ...next, ...customerUpdated(next, notifiedAt, nextUpdateDue, terms) };
    }
    case 'StatusUpdatePosted':
      return event.data.audience === 'customer'
        ? { ...next, ...customerUpdated(next, event.data.postedAt, null, terms) }
        : next;
    case 'IncidentLinked': {
      const { linkedIncidentId, relation } = event.data;
      return { ...next, links: withLink(next.links, { incidentId: linkedIncidentId, relation }) };
    }
    case 'AlertResolvedAtSource':
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
    case 'PreApprovedHoursExceeded':
    case 'RootCauseRecorded':
    case 'ActionItemAdded':
    case 'ActionItemCompleted':
    case 'ReviewPublished':
    case 'PageRequested':
    case 'PageFailed':
    case 'SlaClockStarted':
    case 'ReviewSignedOff':
      return next;
    default:
      return assertNever(event, 'incident event');
  }
}

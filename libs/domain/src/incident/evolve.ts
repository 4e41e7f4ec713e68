import { assertNever } from '../decider';
import { evolveAssignment } from './evolve-assignment';
import { evolvePaging } from './evolve-paging';
import { expectClassified, expectOpened, expectStatus } from './evolve-guards';
import type { IncidentEvent } from './incident-events';
import { openedIncident, type IncidentState, type OpenedIncident, type RemediationRecord } from './incident-state';
import type { RemediationStatus } from './incident-values';

const later = (a: string, b: string): string => (Date.parse(b) > Date.parse(a) ? b : a);

const withRemediation = (
  state: OpenedIncident,
  remediationId: string,
  status: RemediationStatus,
  change: Partial<RemediationRecord> = {},
): readonly RemediationRecord[] =>
  state.remediations.map((remediation) =>
    remediation.remediationId === remediationId ? { ...remediation, ...change, status } : remediation,
  );

export const evolve = (state: IncidentState, event: IncidentEvent): IncidentState => {
  switch (event.type) {
    case 'IncidentOpened':
      expectStatus(state, event, ['initial']);
      return openedIncident(event.data);
    case 'AlertCorrelated': {
      const opened = expectOpened(state, event);
      return {
        ...opened,
        alertCount: event.data.alertCount,
        lastAlertAt: later(opened.lastAlertAt, event.data.receivedAt),
      };
    }
    case 'AlertResolvedAtSource':
      return expectOpened(state, event);
    case 'IncidentReopened': {
      const resolved = expectStatus(state, event, ['resolved', 'no_action', 'returned_to_customer']);
      // A reopened incident starts a new response cycle: it is triaged, acknowledged and escalated afresh.
      return {
        ...resolved,
        status: 'triggered',
        reopenCount: event.data.reopenCount,
        alertCount: event.data.alertCount,
        lastAlertAt: later(resolved.lastAlertAt, event.data.reopenedAt),
        assignee: null,
        acknowledgedAt: null,
        acknowledgedAtLevel: null,
        escalationLevel: 1,
        slaBreaches: [],
        slaClocks: [],
        mitigatedAt: null,
        mitigationSource: null,
        resolvedAt: null,
        reviewRequired: null,
        disposition: null,
      };
    }
    case 'IncidentTriaged':
    case 'IncidentReclassified': {
      const { severity, category, owningTeam, ruleId, preApprovedMinutes, maintenanceWindowId } = event.data;
      const classification = {
        severity,
        category,
        owningTeam,
        triageRuleId: ruleId,
        preApprovedMinutes,
        maintenanceWindowId,
      };
      if (event.type === 'IncidentTriaged') {
        return { ...expectStatus(state, event, ['triggered']), ...classification, status: 'triaged' };
      }
      return { ...expectStatus(state, event, ['triaged', 'acknowledged', 'mitigated']), ...classification };
    }
    case 'IncidentMarkedNoAction': {
      const triaged = expectClassified(expectStatus(state, event, ['triaged', 'acknowledged']), event);
      const { reason, markedAt } = event.data;
      return { ...triaged, status: 'no_action', disposition: { kind: 'no_action', reason, decidedAt: markedAt } };
    }
    case 'IncidentReturnedToCustomer': {
      const triaged = expectClassified(expectStatus(state, event, ['triaged', 'acknowledged']), event);
      const { reason, returnedAt, downgradedTo } = event.data;
      return {
        ...triaged,
        status: 'returned_to_customer',
        severity: downgradedTo ?? triaged.severity,
        disposition: { kind: 'returned_to_customer', reason, decidedAt: returnedAt },
      };
    }
    case 'ResponderPaged': {
      const opened = expectOpened(state, event);
      return { ...opened, pageCount: opened.pageCount + 1 };
    }
    case 'IncidentAcknowledged': {
      const { responderId, acknowledgedAt } = event.data;
      const incident = expectStatus(state, event, ['triggered', 'triaged', 'acknowledged']);
      return {
        ...incident,
        status: 'acknowledged',
        assignee: responderId,
        acknowledgedAt,
        acknowledgedAtLevel: incident.escalationLevel,
      };
    }
    case 'IncidentEscalated':
      return { ...expectOpened(state, event), escalationLevel: event.data.toLevel };
    case 'SlaBreached': {
      const opened = expectOpened(state, event);
      return { ...opened, slaBreaches: [...opened.slaBreaches, event.data.sla] };
    }
    case 'ContainmentApplied': {
      const opened = expectOpened(state, event);
      const { containmentId, action, appliedAt } = event.data;
      return {
        ...opened,
        containments: [...opened.containments, { containmentId, action, appliedAt, liftedAt: null }],
      };
    }
    case 'ResponseTeamAssembled':
      return { ...expectOpened(state, event), responseTeam: event.data.members };
    case 'CustomerNotified': {
      const { notifiedAt, nextUpdateDue } = event.data;
      return {
        ...expectOpened(state, event),
        lastCustomerNotificationAt: notifiedAt,
        nextCustomerUpdateDue: nextUpdateDue,
        lastCustomerUpdateAt: notifiedAt,
      };
    }
    case 'ContainmentLifted': {
      const opened = expectOpened(state, event);
      const { containmentId, liftedAt } = event.data;
      const containments = opened.containments.map((containment) =>
        containment.containmentId === containmentId ? { ...containment, liftedAt } : containment,
      );
      return { ...opened, containments };
    }
    case 'RemediationProposed': {
      const opened = expectOpened(state, event);
      const { remediationId, action, requiresApproval } = event.data;
      const proposed: RemediationRecord = {
        remediationId,
        action,
        requiresApproval,
        status: 'proposed',
        approval: null,
      };
      return { ...opened, remediations: [...opened.remediations, proposed] };
    }
    case 'RemediationApprovalRequested': {
      const opened = expectOpened(state, event);
      const { remediationId, requestedFrom, monthlyCostDelta, currency, validUntil } = event.data;
      const approval = { requestedFrom, monthlyCostDelta, currency, validUntil };
      return {
        ...opened,
        remediations: withRemediation(opened, remediationId, 'approval_requested', { approval }),
      };
    }
    case 'RemediationApprovalWithdrawn': {
      // A withdrawn request leaves the proposal as it was; it may be asked for again (say, at a new cost).
      const opened = expectOpened(state, event);
      const remediations = withRemediation(opened, event.data.remediationId, 'proposed', { approval: null });
      return { ...opened, remediations };
    }
    case 'RemediationApprovalExpired':
    case 'RemediationApproved':
    case 'RemediationRejected':
    case 'RemediationExecuted':
    case 'RemediationFailed': {
      const opened = expectOpened(state, event);
      const status = REMEDIATION_STATUS_AFTER[event.type];
      return { ...opened, remediations: withRemediation(opened, event.data.remediationId, status) };
    }
    case 'StatusUpdatePosted': {
      const { postedAt, audience } = event.data;
      const opened = expectOpened(state, event);
      const lastCustomerUpdateAt = audience === 'customer' ? postedAt : opened.lastCustomerUpdateAt;
      return { ...opened, lastStatusUpdateAt: postedAt, lastCustomerUpdateAt };
    }
    case 'TimeLogged':
      return { ...expectOpened(state, event), loggedMinutes: event.data.totalMinutes };
    case 'PreApprovedHoursExceeded':
      return { ...expectOpened(state, event), preApprovedHoursExceeded: true };
    case 'IncidentMitigated': {
      const incident = expectStatus(state, event, ['triaged', 'acknowledged']);
      // Mitigated straight from triaged: whoever mitigated holds the incident.
      const assignee = incident.assignee ?? event.data.mitigatedBy;
      return {
        ...incident,
        status: 'mitigated',
        assignee,
        mitigatedAt: event.data.mitigatedAt,
        mitigationSource: event.data.achievedBy,
      };
    }
    case 'IncidentResolved':
      return {
        ...expectStatus(state, event, ['triggered', 'triaged', 'acknowledged', 'mitigated']),
        status: 'resolved',
        resolvedAt: event.data.resolvedAt,
        reviewRequired: event.data.reviewRequired,
      };
    case 'ReviewStarted':
      return {
        ...expectStatus(state, event, ['resolved']),
        status: 'in_review',
        reviewStartedAt: event.data.startedAt,
        // A review once started is published or waived before closing, whatever the resolution asked for.
        reviewRequired: true,
      };
    case 'RootCauseRecorded': {
      const { technique, whys, rootCause, recordedAt } = event.data;
      // A changed analysis is not what was approved: the sign-offs are withdrawn.
      return {
        ...expectOpened(state, event),
        rootCause: { technique, whys, rootCause, recordedAt },
        reviewSignOffs: [],
      };
    }
    case 'ActionItemAdded': {
      const opened = expectOpened(state, event);
      const { actionItemId, kind, title, owner, dueDate } = event.data;
      return {
        ...opened,
        actionItems: [...opened.actionItems, { actionItemId, kind, title, owner, dueDate, completedAt: null }],
        reviewSignOffs: [],
      };
    }
    case 'ActionItemCompleted': {
      const opened = expectOpened(state, event);
      const { actionItemId, completedAt } = event.data;
      return {
        ...opened,
        actionItems: opened.actionItems.map((item) =>
          item.actionItemId === actionItemId ? { ...item, completedAt } : item,
        ),
      };
    }
    case 'ReviewPublished':
      return { ...expectStatus(state, event, ['in_review']), reviewPublishedAt: event.data.publishedAt };
    case 'IncidentClosed':
      return {
        ...expectStatus(state, event, ['resolved', 'in_review', 'no_action', 'returned_to_customer']),
        status: 'closed',
        closedAt: event.data.closedAt,
      };
    case 'IncidentLinked': {
      const opened = expectOpened(state, event);
      const { linkedIncidentId, relation } = event.data;
      return { ...opened, links: [...opened.links, { linkedIncidentId, relation }] };
    }
    case 'ReviewWaived':
      // In review too (issue 17): the status stays, and closing no longer waits for a publication.
      return { ...expectStatus(state, event, ['resolved', 'in_review']), reviewRequired: false };
    case 'SeverityChanged':
    case 'IncidentReassigned':
    case 'IncidentUnacknowledged':
      return evolveAssignment(state, event);
    case 'PageRequested':
    case 'PageDelivered':
    case 'PageFailed':
      return evolvePaging(state, event);
    case 'ReviewSignedOff': {
      const reviewing = expectStatus(state, event, ['in_review']);
      const { role, signedOffBy, signedOffAt } = event.data;
      const others = reviewing.reviewSignOffs.filter((signOff) => signOff.role !== role);
      return { ...reviewing, reviewSignOffs: [...others, { role, signedOffBy, signedOffAt }] };
    }
    case 'SlaClockStarted': {
      const opened = expectOpened(state, event);
      // A restarted clock (customer updates) is still the one clock of the cycle.
      if (opened.slaClocks.includes(event.data.sla)) return opened;
      return { ...opened, slaClocks: [...opened.slaClocks, event.data.sla] };
    }
    default:
      return assertNever(event, 'incident event');
  }
};

const REMEDIATION_STATUS_AFTER = {
  RemediationApprovalExpired: 'expired',
  RemediationApproved: 'approved',
  RemediationRejected: 'rejected',
  RemediationExecuted: 'executed',
  RemediationFailed: 'failed',
} as const satisfies Record<string, RemediationStatus>;

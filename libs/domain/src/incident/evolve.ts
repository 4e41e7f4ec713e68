import { assertNever } from '../decider';
import { UnexpectedEventError } from './incident-errors';
import type { IncidentEvent } from './incident-events';
import {
  openedIncident,
  type IncidentState,
  type IncidentStateIn,
  type OpenedIncident,
  type RemediationRecord,
} from './incident-state';
import type { IncidentStatus } from './lifecycle';
import type { RemediationStatus } from './incident-values';

/** Narrows the state for an event that may only follow the given statuses; anything else is a broken history. */
const expectStatus = <S extends IncidentStatus>(
  state: IncidentState,
  event: IncidentEvent,
  statuses: readonly S[],
): IncidentStateIn<S> => {
  if (!(statuses as readonly IncidentStatus[]).includes(state.status)) {
    throw new UnexpectedEventError(event.type, state.status);
  }
  return state as IncidentStateIn<S>;
};

const expectOpened = (state: IncidentState, event: IncidentEvent): OpenedIncident => {
  if (state.status === 'initial') throw new UnexpectedEventError(event.type, state.status);
  return state;
};

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
      const resolved = expectStatus(state, event, ['resolved']);
      // A reopened incident starts a new response cycle: it is triaged, acknowledged and escalated afresh.
      return {
        ...resolved,
        status: 'triggered',
        reopenCount: event.data.reopenCount,
        alertCount: event.data.alertCount,
        lastAlertAt: later(resolved.lastAlertAt, event.data.reopenedAt),
        assignee: null,
        acknowledgedAt: null,
        escalationLevel: 1,
        slaBreaches: [],
        mitigatedAt: null,
        mitigationSource: null,
        resolvedAt: null,
      };
    }
    case 'IncidentTriaged':
    case 'IncidentReclassified': {
      const { severity, category, owningTeam, ruleId, preApprovedMinutes } = event.data;
      const classification = { severity, category, owningTeam, triageRuleId: ruleId, preApprovedMinutes };
      if (event.type === 'IncidentTriaged') {
        return { ...expectStatus(state, event, ['triggered']), ...classification, status: 'triaged' };
      }
      return { ...expectStatus(state, event, ['triaged', 'acknowledged', 'mitigated']), ...classification };
    }
    case 'IncidentMarkedNoAction': {
      const triaged = expectStatus(state, event, ['triaged']);
      const { reason, markedAt } = event.data;
      return { ...triaged, status: 'no_action', disposition: { kind: 'no_action', reason, decidedAt: markedAt } };
    }
    case 'IncidentReturnedToCustomer': {
      const triaged = expectStatus(state, event, ['triaged']);
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
      return {
        ...expectStatus(state, event, ['triggered', 'triaged']),
        status: 'acknowledged',
        assignee: responderId,
        acknowledgedAt,
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
    case 'StatusUpdatePosted':
      return { ...expectOpened(state, event), lastStatusUpdateAt: event.data.postedAt };
    case 'TimeLogged':
      return { ...expectOpened(state, event), loggedMinutes: event.data.totalMinutes };
    case 'PreApprovedHoursExceeded':
      return { ...expectOpened(state, event), preApprovedHoursExceeded: true };
    case 'IncidentMitigated':
      return {
        ...expectStatus(state, event, ['acknowledged']),
        status: 'mitigated',
        mitigatedAt: event.data.mitigatedAt,
        mitigationSource: event.data.achievedBy,
      };
    case 'IncidentResolved':
      return {
        ...expectStatus(state, event, ['triggered', 'mitigated']),
        status: 'resolved',
        resolvedAt: event.data.resolvedAt,
      };
    case 'ReviewStarted':
      return {
        ...expectStatus(state, event, ['resolved']),
        status: 'in_review',
        reviewStartedAt: event.data.startedAt,
      };
    case 'RootCauseRecorded': {
      const { technique, whys, rootCause, recordedAt } = event.data;
      return { ...expectOpened(state, event), rootCause: { technique, whys, rootCause, recordedAt } };
    }
    case 'ActionItemAdded': {
      const opened = expectOpened(state, event);
      const { actionItemId, kind, title, owner, dueDate } = event.data;
      return {
        ...opened,
        actionItems: [...opened.actionItems, { actionItemId, kind, title, owner, dueDate, completedAt: null }],
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
        ...expectStatus(state, event, ['in_review', 'no_action', 'returned_to_customer']),
        status: 'closed',
        closedAt: event.data.closedAt,
      };
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

import { IncidentValidationError } from './incident-errors';
import { FieldCheck } from './field-check';
import type { IncidentCommand, IncidentCommandOf, IncidentCommandType } from './incident-commands';
import { isIncidentCommandType } from './command-legality';
import {
  ACTION_ITEM_KINDS,
  ASSIGNEE_KINDS,
  AUTO_RESOLVE_POLICIES,
  INCIDENT_LINK_RELATIONS,
  CONTAINMENT_ACTIONS,
  CURRENCY_CODE,
  CUSTOMER_CHANNELS,
  DEFAULT_RCA_TECHNIQUE,
  ESCALATION_REASONS,
  INCIDENT_CATEGORIES,
  MITIGATION_SOURCES,
  PERIOD,
  REMEDIATION_ACTIONS,
  RESPONSE_ROLES,
  SEVERITIES,
  SLA_KINDS,
  STATUS_UPDATE_AUDIENCES,
  TIME_KINDS,
} from './incident-values';

type Validators = { [T in IncidentCommandType]: (data: IncidentCommandOf<T>['data'], check: FieldCheck) => void };

/**
 * Commands usually come from wire DTOs already checked by class-validator, but the domain does not trust its
 * callers: each check guards an invariant the events rely on, and runs before the state is consulted.
 */
const VALIDATORS: Validators = {
  OpenIncident: (d, c) => {
    for (const field of ['dedupKey', 'source', 'customerId', 'service', 'title'] as const) c.text(field, d[field]);
    c.optionalOneOf('category', d.category, INCIDENT_CATEGORIES);
    c.optionalOneOf('severity', d.severity, SEVERITIES);
    if (d.labels !== undefined) c.labels('labels', d.labels);
    if (d.drill !== undefined) c.boolean('drill', d.drill);
    c.optionalText('alertId', d.alertId);
    c.timestamp('openedAt', d.openedAt);
  },
  CorrelateAlert: (d, c) => {
    c.optionalText('alertId', d.alertId);
    c.timestamp('receivedAt', d.receivedAt);
  },
  ResolveAlertAtSource: (d, c) => {
    c.optionalText('alertId', d.alertId);
    c.boolean('allAlertsResolved', d.allAlertsResolved);
    c.optionalOneOf('autoResolve', d.autoResolve, AUTO_RESOLVE_POLICIES);
    if (d.reviewRequired !== undefined) c.boolean('reviewRequired', d.reviewRequired);
    c.timestamp('resolvedAt', d.resolvedAt);
  },
  ReopenIncident: (d, c) => {
    c.optionalText('alertId', d.alertId);
    c.integer('reopenWindowMinutes', d.reopenWindowMinutes, 0);
    c.timestamp('reopenedAt', d.reopenedAt);
  },
  TriageIncident: (d, c) => {
    c.oneOf('severity', d.severity, SEVERITIES);
    c.oneOf('category', d.category, INCIDENT_CATEGORIES);
    c.text('owningTeam', d.owningTeam);
    c.text('ruleId', d.ruleId);
    if (d.preApprovedMinutes !== undefined) c.integer('preApprovedMinutes', d.preApprovedMinutes, 0);
    c.timestamp('triagedAt', d.triagedAt);
  },
  MarkIncidentNoAction: (d, c) => {
    c.text('reason', d.reason);
    c.text('decidedBy', d.decidedBy);
    c.timestamp('markedAt', d.markedAt);
  },
  ReturnIncidentToCustomer: (d, c) => {
    c.text('reason', d.reason);
    c.text('returnedBy', d.returnedBy);
    c.optionalOneOf('downgradeTo', d.downgradeTo, SEVERITIES);
    c.timestamp('returnedAt', d.returnedAt);
  },
  PageResponder: (d, c) => {
    c.text('pageId', d.pageId);
    c.text('responderId', d.responderId);
    c.text('channel', d.channel);
    c.timestamp('pagedAt', d.pagedAt);
  },
  AcknowledgeIncident: (d, c) => {
    c.text('responderId', d.responderId);
    c.timestamp('acknowledgedAt', d.acknowledgedAt);
  },
  EscalateIncident: (d, c) => {
    c.oneOf('reason', d.reason, ESCALATION_REASONS);
    c.integer('toLevel', d.toLevel, 2);
    c.optionalText('requestedBy', d.requestedBy);
    if (d.reason === 'asked_for_help') c.text('requestedBy', d.requestedBy);
    c.optionalText('note', d.note);
    c.timestamp('escalatedAt', d.escalatedAt);
  },
  RecordSlaBreach: (d, c) => {
    c.oneOf('sla', d.sla, SLA_KINDS);
    c.integer('targetMinutes', d.targetMinutes, 1);
    c.timestamp('breachedAt', d.breachedAt);
  },
  ApplyContainment: (d, c) => {
    c.text('containmentId', d.containmentId);
    c.oneOf('action', d.action, CONTAINMENT_ACTIONS);
    c.text('description', d.description);
    c.text('appliedBy', d.appliedBy);
    c.timestamp('appliedAt', d.appliedAt);
  },
  ProposeRemediation: (d, c) => {
    c.text('remediationId', d.remediationId);
    c.oneOf('action', d.action, REMEDIATION_ACTIONS);
    c.text('description', d.description);
    c.boolean('requiresApproval', d.requiresApproval);
    if (d.monthlyCostDelta !== undefined) c.finite('monthlyCostDelta', d.monthlyCostDelta);
    c.text('proposedBy', d.proposedBy);
    c.timestamp('proposedAt', d.proposedAt);
  },
  RequestRemediationApproval: (d, c) => {
    c.text('remediationId', d.remediationId);
    c.text('requestedFrom', d.requestedFrom);
    c.finite('monthlyCostDelta', d.monthlyCostDelta);
    c.matches('currency', d.currency, CURRENCY_CODE, 'must be an ISO 4217 code such as EUR');
    c.timestamp('validUntil', d.validUntil);
    c.timestamp('requestedAt', d.requestedAt);
    if (Date.parse(d.validUntil) <= Date.parse(d.requestedAt)) c.fail('validUntil', 'must be after requestedAt');
  },
  ApproveRemediation: (d, c) => {
    c.text('remediationId', d.remediationId);
    c.actor('by', d.by);
    c.optionalText('onBehalfReason', d.onBehalfReason);
    c.timestamp('approvedAt', d.approvedAt);
  },
  RejectRemediation: (d, c) => {
    c.text('remediationId', d.remediationId);
    c.actor('by', d.by);
    c.text('reason', d.reason);
    c.optionalText('onBehalfReason', d.onBehalfReason);
    c.timestamp('rejectedAt', d.rejectedAt);
  },
  ExpireRemediationApproval: (d, c) => {
    c.text('remediationId', d.remediationId);
    c.timestamp('expiredAt', d.expiredAt);
  },
  AssembleResponseTeam: (d, c) => {
    if (!Array.isArray(d.members) || d.members.length === 0) c.fail('members', 'must list at least one member');
    d.members.forEach((member, index) => {
      c.text(`members[${index}].personId`, member?.personId);
      c.oneOf(`members[${index}].role`, member?.role, RESPONSE_ROLES);
    });
    const people = d.members.map((member) => member.personId);
    if (new Set(people).size !== people.length) c.fail('members', 'must name each person once');
    if (d.members.filter((member) => member.role === 'incident_commander').length !== 1) {
      c.fail('members', 'must have exactly one incident_commander');
    }
    c.text('assembledBy', d.assembledBy);
    c.timestamp('assembledAt', d.assembledAt);
  },
  NotifyCustomer: (d, c) => {
    c.oneOf('channel', d.channel, CUSTOMER_CHANNELS);
    c.text('message', d.message);
    c.text('notifiedBy', d.notifiedBy);
    c.timestamp('notifiedAt', d.notifiedAt);
    if (d.nextUpdateDue !== undefined) {
      c.timestamp('nextUpdateDue', d.nextUpdateDue);
      if (Date.parse(d.nextUpdateDue) <= Date.parse(d.notifiedAt)) c.fail('nextUpdateDue', 'must be after notifiedAt');
    }
  },
  LiftContainment: (d, c) => {
    c.text('containmentId', d.containmentId);
    c.text('liftedBy', d.liftedBy);
    c.optionalText('reason', d.reason);
    c.timestamp('liftedAt', d.liftedAt);
  },
  WithdrawRemediationApproval: (d, c) => {
    c.text('remediationId', d.remediationId);
    c.text('withdrawnBy', d.withdrawnBy);
    c.text('reason', d.reason);
    c.timestamp('withdrawnAt', d.withdrawnAt);
  },
  ExecuteRemediation: (d, c) => {
    c.text('remediationId', d.remediationId);
    c.text('executedBy', d.executedBy);
    c.timestamp('executedAt', d.executedAt);
  },
  RecordRemediationFailure: (d, c) => {
    c.text('remediationId', d.remediationId);
    c.text('reason', d.reason);
    c.timestamp('failedAt', d.failedAt);
  },
  PostStatusUpdate: (d, c) => {
    c.oneOf('audience', d.audience, STATUS_UPDATE_AUDIENCES);
    c.text('message', d.message);
    c.text('postedBy', d.postedBy);
    c.timestamp('postedAt', d.postedAt);
  },
  LogTime: (d, c) => {
    c.text('responderId', d.responderId);
    c.oneOf('kind', d.kind, TIME_KINDS);
    c.integer('minutes', d.minutes, 1);
    c.optionalText('note', d.note);
    if (d.preApproved !== undefined) {
      if (typeof d.preApproved !== 'object' || d.preApproved === null) c.fail('preApproved', 'must be an object');
      c.matches('preApproved.period', d.preApproved.period, PERIOD, 'must be a month, YYYY-MM');
      c.integer('preApproved.budgetMinutes', d.preApproved.budgetMinutes, 0);
      c.integer('preApproved.usedMinutes', d.preApproved.usedMinutes, 0);
    }
    c.optionalText('overrunReason', d.overrunReason);
    c.timestamp('loggedAt', d.loggedAt);
  },
  MitigateIncident: (d, c) => {
    c.text('mitigatedBy', d.mitigatedBy);
    c.text('summary', d.summary);
    if (d.achievedBy !== undefined) {
      if (typeof d.achievedBy !== 'object' || d.achievedBy === null) c.fail('achievedBy', 'must be { kind, id }');
      c.oneOf('achievedBy.kind', d.achievedBy.kind, MITIGATION_SOURCES);
      c.text('achievedBy.id', d.achievedBy.id);
    }
    c.timestamp('mitigatedAt', d.mitigatedAt);
  },
  ResolveIncident: (d, c) => {
    c.text('resolvedBy', d.resolvedBy);
    c.text('summary', d.summary);
    if (d.reviewRequired !== undefined) c.boolean('reviewRequired', d.reviewRequired);
    c.timestamp('resolvedAt', d.resolvedAt);
  },
  StartReview: (d, c) => {
    c.text('startedBy', d.startedBy);
    c.timestamp('startedAt', d.startedAt);
  },
  RecordRootCause: (d, c) => {
    c.optionalText('technique', d.technique);
    if (!Array.isArray(d.whys)) c.fail('whys', 'must be a list');
    d.whys.forEach((why, index) => c.text(`whys[${index}]`, why));
    if ((d.technique ?? DEFAULT_RCA_TECHNIQUE) === DEFAULT_RCA_TECHNIQUE && d.whys.length === 0) {
      c.fail('whys', `must hold at least one why for ${DEFAULT_RCA_TECHNIQUE}`);
    }
    c.text('rootCause', d.rootCause);
    c.text('recordedBy', d.recordedBy);
    c.timestamp('recordedAt', d.recordedAt);
  },
  AddActionItem: (d, c) => {
    c.text('actionItemId', d.actionItemId);
    c.oneOf('kind', d.kind, ACTION_ITEM_KINDS);
    c.text('title', d.title);
    c.text('owner', d.owner);
    c.date('dueDate', d.dueDate);
    c.timestamp('addedAt', d.addedAt);
  },
  CompleteActionItem: (d, c) => {
    c.text('actionItemId', d.actionItemId);
    c.text('completedBy', d.completedBy);
    c.timestamp('completedAt', d.completedAt);
  },
  PublishReview: (d, c) => {
    c.text('summary', d.summary);
    c.text('publishedBy', d.publishedBy);
    c.timestamp('publishedAt', d.publishedAt);
  },
  CloseIncident: (d, c) => {
    c.text('closedBy', d.closedBy);
    c.optionalText('note', d.note);
    c.timestamp('closedAt', d.closedAt);
  },
  // Issue 13, lifecycle corrections.
  ChangeSeverity: (d, c) => {
    c.oneOf('severity', d.severity, SEVERITIES);
    c.text('reason', d.reason);
    c.text('changedBy', d.changedBy);
    c.timestamp('changedAt', d.changedAt);
  },
  ReassignIncident: (d, c) => {
    c.oneOf('assigneeKind', d.assigneeKind, ASSIGNEE_KINDS);
    c.text('assignee', d.assignee);
    c.text('reason', d.reason);
    c.text('reassignedBy', d.reassignedBy);
    c.timestamp('reassignedAt', d.reassignedAt);
  },
  UnacknowledgeIncident: (d, c) => {
    c.text('reason', d.reason);
    c.text('unacknowledgedBy', d.unacknowledgedBy);
    c.timestamp('unacknowledgedAt', d.unacknowledgedAt);
  },
  LinkIncident: (d, c) => {
    c.text('linkedIncidentId', d.linkedIncidentId);
    c.oneOf('relation', d.relation, INCIDENT_LINK_RELATIONS);
    c.optionalText('note', d.note);
    c.text('linkedBy', d.linkedBy);
    c.timestamp('linkedAt', d.linkedAt);
  },
  WaiveReview: (d, c) => {
    c.text('reason', d.reason);
    c.text('waivedBy', d.waivedBy);
    c.timestamp('waivedAt', d.waivedAt);
  },
};

/** Throws IncidentValidationError naming the first bad field. */
export const validateCommand = (command: IncidentCommand): void => {
  const type: unknown = (command as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !isIncidentCommandType(type)) {
    throw new IncidentValidationError(String(type), 'type', 'is not an incident command');
  }
  const check = new FieldCheck(type);
  const data: unknown = command.data;
  if (typeof data !== 'object' || data === null) check.fail('data', 'must be an object');
  check.text('incidentId', command.data.incidentId);
  (VALIDATORS[type] as (data: IncidentCommand['data'], check: FieldCheck) => void)(command.data, check);
};

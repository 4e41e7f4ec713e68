import { IncidentValidationError } from './incident-errors';
import { FieldCheck } from './field-check';
import type { IncidentCommand, IncidentCommandOf, IncidentCommandType } from './incident-commands';
import { isIncidentCommandType } from './command-legality';
import {
  actor,
  boolean,
  date,
  fields,
  finite,
  integer,
  labels,
  listOf,
  oneOf,
  optional,
  optionalOneOf,
  optionalText,
  text,
  timestamp,
  sha256,
  url,
} from './field-rules';
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
  FIX_TERMS,
  INCIDENT_CATEGORIES,
  MITIGATION_SOURCES,
  PERIOD,
  REMEDIATION_ACTIONS,
  RESPONSE_ROLES,
  SEVERITIES,
  SIGN_OFF_ROLES,
  SLA_KINDS,
  STATUS_UPDATE_AUDIENCES,
  TIME_KINDS,
  TRIAGE_FLAGS,
} from './incident-values';

type Validators = { [T in IncidentCommandType]: (data: IncidentCommandOf<T>['data'], check: FieldCheck) => void };

/**
 * Commands usually come from wire DTOs already checked by class-validator, but the domain does not trust its
 * callers: each check guards an invariant the events rely on, and runs before the state is consulted.
 */
const VALIDATORS: Validators = {
  OpenIncident: fields({
    dedupKey: text,
    source: text,
    customerId: text,
    service: text,
    title: text,
    category: optionalOneOf(INCIDENT_CATEGORIES),
    severity: optionalOneOf(SEVERITIES),
    labels: optional(labels),
    drill: optional(boolean),
    alertId: optionalText,
    openedAt: timestamp,
  }),
  CorrelateAlert: fields({ alertId: optionalText, receivedAt: timestamp }),
  ResolveAlertAtSource: fields({
    alertId: optionalText,
    allAlertsResolved: boolean,
    autoResolve: optionalOneOf(AUTO_RESOLVE_POLICIES),
    reviewRequired: optional(boolean),
    resolvedAt: timestamp,
  }),
  ReopenIncident: fields({ alertId: optionalText, reopenWindowMinutes: integer(0), reopenedAt: timestamp }),
  TriageIncident: fields({
    severity: oneOf(SEVERITIES),
    category: oneOf(INCIDENT_CATEGORIES),
    owningTeam: text,
    ruleId: text,
    preApprovedMinutes: optional(integer(0)),
    ruleSetVersion: optional(integer(1)),
    reasons: optional(listOf(text)),
    maintenanceWindowId: optionalText,
    flags: optional(listOf(oneOf(TRIAGE_FLAGS))),
    triagedAt: timestamp,
  }),
  MarkIncidentNoAction: fields({ reason: text, decidedBy: text, markedAt: timestamp }),
  ReturnIncidentToCustomer: fields({
    reason: text,
    returnedBy: text,
    downgradeTo: optionalOneOf(SEVERITIES),
    returnedAt: timestamp,
  }),
  PageResponder: fields({ pageId: text, responderId: text, channel: text, pagedAt: timestamp }),
  AcknowledgeIncident: fields({ responderId: text, acknowledgedAt: timestamp }),
  EscalateIncident: (d, c) => {
    c.oneOf('reason', d.reason, ESCALATION_REASONS);
    c.integer('toLevel', d.toLevel, 2);
    c.optionalText('requestedBy', d.requestedBy);
    if (d.reason === 'asked_for_help') c.text('requestedBy', d.requestedBy);
    c.optionalText('note', d.note);
    c.timestamp('escalatedAt', d.escalatedAt);
  },
  RecordSlaBreach: fields({ sla: oneOf(SLA_KINDS), targetMinutes: integer(1), breachedAt: timestamp }),
  ApplyContainment: fields({
    containmentId: text,
    action: oneOf(CONTAINMENT_ACTIONS),
    description: text,
    appliedBy: text,
    appliedAt: timestamp,
  }),
  ProposeRemediation: fields({
    remediationId: text,
    action: oneOf(REMEDIATION_ACTIONS),
    description: text,
    requiresApproval: boolean,
    monthlyCostDelta: optional(finite),
    proposedBy: text,
    proposedAt: timestamp,
  }),
  RequestRemediationApproval: (d, c) => {
    c.text('remediationId', d.remediationId);
    c.text('requestedFrom', d.requestedFrom);
    c.finite('monthlyCostDelta', d.monthlyCostDelta);
    c.matches('currency', d.currency, CURRENCY_CODE, 'must be an ISO 4217 code such as EUR');
    c.timestamp('validUntil', d.validUntil);
    c.timestamp('requestedAt', d.requestedAt);
    if (Date.parse(d.validUntil) <= Date.parse(d.requestedAt)) c.fail('validUntil', 'must be after requestedAt');
  },
  ApproveRemediation: fields({ remediationId: text, by: actor, onBehalfReason: optionalText, approvedAt: timestamp }),
  RejectRemediation: fields({
    remediationId: text,
    by: actor,
    reason: text,
    onBehalfReason: optionalText,
    rejectedAt: timestamp,
  }),
  ExpireRemediationApproval: fields({ remediationId: text, expiredAt: timestamp }),
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
    fields<typeof d>({ channel: oneOf(CUSTOMER_CHANNELS), message: text, notifiedBy: text, notifiedAt: timestamp })(
      d,
      c,
    );
    if (d.nextUpdateDue !== undefined) {
      c.timestamp('nextUpdateDue', d.nextUpdateDue);
      if (Date.parse(d.nextUpdateDue) <= Date.parse(d.notifiedAt)) c.fail('nextUpdateDue', 'must be after notifiedAt');
    }
  },
  LiftContainment: fields({ containmentId: text, liftedBy: text, reason: optionalText, liftedAt: timestamp }),
  WithdrawRemediationApproval: fields({ remediationId: text, withdrawnBy: text, reason: text, withdrawnAt: timestamp }),
  ExecuteRemediation: fields({ remediationId: text, executedBy: text, output: optionalText, executedAt: timestamp }),
  RecordRemediationFailure: fields({ remediationId: text, reason: text, output: optionalText, failedAt: timestamp }),
  PostStatusUpdate: fields({
    audience: oneOf(STATUS_UPDATE_AUDIENCES),
    message: text,
    postedBy: text,
    postedAt: timestamp,
  }),
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
  ResolveIncident: fields({
    resolvedBy: text,
    summary: text,
    reviewRequired: optional(boolean),
    resolvedAt: timestamp,
  }),
  StartReview: fields({ startedBy: text, startedAt: timestamp }),
  RecordRootCause: (d, c) => {
    c.optionalText('technique', d.technique);
    if (!Array.isArray(d.whys)) c.fail('whys', 'must be a list');
    d.whys.forEach((why, index) => c.text(`whys[${index}]`, why));
    if ((d.technique ?? DEFAULT_RCA_TECHNIQUE) === DEFAULT_RCA_TECHNIQUE && d.whys.length === 0) {
      c.fail('whys', `must hold at least one why for ${DEFAULT_RCA_TECHNIQUE}`);
    }
    c.text('rootCause', d.rootCause);
    optional(listOf(text))(c, 'contributingFactors', d.contributingFactors);
    optional(listOf(url))(c, 'evidenceLinks', d.evidenceLinks);
    optionalOneOf(FIX_TERMS)(c, 'fixTerm', d.fixTerm);
    c.text('recordedBy', d.recordedBy);
    c.timestamp('recordedAt', d.recordedAt);
  },
  AddActionItem: fields({
    actionItemId: text,
    kind: oneOf(ACTION_ITEM_KINDS),
    title: text,
    owner: text,
    dueDate: date,
    ticketUrl: optional(url),
    addedAt: timestamp,
  }),
  CompleteActionItem: fields({ actionItemId: text, evidence: optionalText, completedBy: text, completedAt: timestamp }),
  PublishReview: fields({
    summary: text,
    renderedSha256: optional(sha256),
    renderedHtmlSha256: optional(sha256),
    requiredSignOffs: optional(listOf(oneOf(SIGN_OFF_ROLES))),
    publishedBy: text,
    publishedAt: timestamp,
  }),
  SignOffReview: fields({ role: oneOf(SIGN_OFF_ROLES), signedOffBy: text, signedOffAt: timestamp }),
  CloseIncident: fields({ closedBy: text, note: optionalText, closedAt: timestamp }),
  // Issue 13, lifecycle corrections.
  ChangeSeverity: fields({ severity: oneOf(SEVERITIES), reason: text, changedBy: text, changedAt: timestamp }),
  ReassignIncident: fields({
    assigneeKind: oneOf(ASSIGNEE_KINDS),
    assignee: text,
    reason: text,
    reassignedBy: text,
    reassignedAt: timestamp,
  }),
  UnacknowledgeIncident: fields({ reason: text, unacknowledgedBy: text, unacknowledgedAt: timestamp }),
  LinkIncident: fields({
    linkedIncidentId: text,
    relation: oneOf(INCIDENT_LINK_RELATIONS),
    note: optionalText,
    linkedBy: text,
    linkedAt: timestamp,
  }),
  WaiveReview: fields({ reason: text, waivedBy: text, waivedAt: timestamp }),
  // Issue 15, exactly-once paging.
  RequestPages: (d, c) => {
    c.integer('level', d.level, 1);
    c.integer('attempt', d.attempt, 0);
    if (!Array.isArray(d.pages) || d.pages.length === 0) c.fail('pages', 'must list at least one page');
    d.pages.forEach((page, index) => {
      c.text(`pages[${index}].pageId`, page?.pageId);
      c.text(`pages[${index}].target`, page?.target);
      c.text(`pages[${index}].idempotencyKey`, page?.idempotencyKey);
    });
    if (new Set(d.pages.map((page) => page.pageId)).size !== d.pages.length)
      c.fail('pages', 'must not repeat a pageId');
    c.timestamp('requestedAt', d.requestedAt);
  },
  RecordPageDelivery: fields({ pageId: text, channel: text, deliveredAt: timestamp }),
  RecordPageFailure: fields({ pageId: text, reason: text, failedAt: timestamp }),
  StartSlaClocks: (d, c) => {
    if (!Array.isArray(d.clocks) || d.clocks.length === 0) c.fail('clocks', 'must list at least one clock');
    d.clocks.forEach((clock, index) => {
      c.oneOf(`clocks[${index}].sla`, clock?.sla, SLA_KINDS);
      c.integer(`clocks[${index}].targetMinutes`, clock?.targetMinutes, 1);
    });
    if (new Set(d.clocks.map((clock) => clock.sla)).size !== d.clocks.length)
      c.fail('clocks', 'must name each SLA once');
    c.timestamp('startedAt', d.startedAt);
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

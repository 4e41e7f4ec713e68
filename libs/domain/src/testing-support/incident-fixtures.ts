import type { IncidentCommandOf, IncidentCommandType } from '../incident/incident-commands';
import type { IncidentEvent, IncidentEventOf, IncidentEventType } from '../incident/incident-events';
import type { IncidentStatus } from '../incident/lifecycle';

export const INCIDENT_ID = '5d0c8a52-1f7e-4b8e-9a51-3c2f0f6d7e11';
const T0 = Date.parse('2025-03-01T10:00:00.000Z');

/** The fixed test clock: `at(5)` is five minutes after the incident opened. */
export const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();

type Data<T extends IncidentCommandType> = IncidentCommandOf<T>['data'];
type Defaults = { [T in IncidentCommandType]: Omit<Data<T>, 'incidentId'> };

/** The customer contact approval requests go to (a contact id from the directory), as the caller sees them. */
export const APPROVER = { id: 'contact-acme-cfo', roles: ['customer'] } as const;
/** An admin who may decide for the contact, with a reason. */
export const ADMIN = { id: 'erin', roles: ['responder', 'admin'] } as const;

/** A valid command of every type, at minute 60 unless said otherwise. */
const COMMAND_DEFAULTS: Defaults = {
  OpenIncident: {
    dedupKey: 'checkout-api/HighErrorRate',
    source: 'alertmanager',
    customerId: 'acme',
    service: 'checkout-api',
    title: 'Checkout API is down',
    category: 'availability.downtime',
    labels: { region: 'eu-west-1' },
    alertId: 'alert-1',
    openedAt: at(0),
  },
  CorrelateAlert: { alertId: 'alert-2', receivedAt: at(60) },
  ResolveAlertAtSource: { alertId: 'alert-1', allAlertsResolved: true, resolvedAt: at(60) },
  ReopenIncident: { alertId: 'alert-3', reopenWindowMinutes: 60, reopenedAt: at(60) },
  TriageIncident: {
    severity: 'urgent',
    category: 'availability.downtime',
    owningTeam: 'infrastructure',
    ruleId: 'rule-availability',
    preApprovedMinutes: 480,
    ruleSetVersion: 2,
    reasons: ['cloud infrastructure problem', 'category is availability.downtime'],
    flags: [],
    triagedAt: at(60),
  },
  MarkIncidentNoAction: { reason: 'a new workflow under test', decidedBy: 'rule-errors-test', markedAt: at(60) },
  ReturnIncidentToCustomer: {
    reason: 'application problem; no application support in the subscription',
    returnedBy: 'rule-entitlement',
    downgradeTo: 'low',
    returnedAt: at(60),
  },
  PageResponder: { pageId: 'page-1', responderId: 'bob', channel: 'sms', pagedAt: at(60) },
  AcknowledgeIncident: { responderId: 'bob', acknowledgedAt: at(60) },
  EscalateIncident: { reason: 'asked_for_help', toLevel: 2, requestedBy: 'alice', escalatedAt: at(60) },
  RecordSlaBreach: { sla: 'mitigation', targetMinutes: 30, breachedAt: at(60) },
  ApplyContainment: {
    containmentId: 'con-2',
    action: 'redirect_traffic',
    description: 'traffic moved to eu-central-1',
    appliedBy: 'alice',
    appliedAt: at(60),
  },
  ProposeRemediation: {
    remediationId: 'rem-2',
    action: 'resize',
    description: 'double the database instance',
    requiresApproval: true,
    monthlyCostDelta: 420,
    proposedBy: 'remediation',
    proposedAt: at(60),
  },
  RequestRemediationApproval: {
    remediationId: 'rem-1',
    requestedFrom: APPROVER.id,
    monthlyCostDelta: 420,
    currency: 'EUR',
    validUntil: at(24 * 60),
    requestedAt: at(60),
  },
  ApproveRemediation: { remediationId: 'rem-1', by: APPROVER, approvedAt: at(60) },
  RejectRemediation: { remediationId: 'rem-1', by: APPROVER, reason: 'too costly', rejectedAt: at(60) },
  ExecuteRemediation: { remediationId: 'rem-1', executedBy: 'remediation', executedAt: at(60) },
  RecordRemediationFailure: { remediationId: 'rem-1', reason: 'restart timed out', failedAt: at(60) },
  ExpireRemediationApproval: { remediationId: 'rem-1', expiredAt: at(24 * 60) },
  WithdrawRemediationApproval: {
    remediationId: 'rem-1',
    withdrawnBy: 'alice',
    reason: 'autoscaling fixed it',
    withdrawnAt: at(60),
  },
  PostStatusUpdate: { audience: 'customer', message: 'We are investigating', postedBy: 'alice', postedAt: at(60) },
  LogTime: { responderId: 'alice', kind: 'corrective', minutes: 45, loggedAt: at(60) },
  MitigateIncident: { mitigatedBy: 'alice', summary: 'traffic redirected', mitigatedAt: at(60) },
  AssembleResponseTeam: {
    members: [
      { personId: 'alice', role: 'incident_commander' },
      { personId: 'bob', role: 'communications' },
      { personId: 'sam', role: 'security' },
    ],
    assembledBy: 'alice',
    assembledAt: at(60),
  },
  NotifyCustomer: {
    channel: 'email',
    message: 'We are restoring the checkout; next update within the hour',
    nextUpdateDue: at(120),
    notifiedBy: 'bob',
    notifiedAt: at(60),
  },
  LiftContainment: { containmentId: 'con-1', liftedBy: 'alice', reason: 'the fix is deployed', liftedAt: at(60) },
  ResolveIncident: { resolvedBy: 'alice', summary: 'pods restarted', resolvedAt: at(60) },
  StartReview: { startedBy: 'carol', startedAt: at(60) },
  RecordRootCause: {
    whys: ['the pods ran out of memory', 'a cache grew without bound'],
    rootCause: 'no size limit on the session cache',
    recordedBy: 'carol',
    recordedAt: at(60),
  },
  AddActionItem: {
    actionItemId: 'ai-2',
    kind: 'preventive',
    title: 'alert on cache size',
    owner: 'dave',
    dueDate: '2025-03-15',
    addedAt: at(60),
  },
  CompleteActionItem: { actionItemId: 'ai-1', completedBy: 'dave', completedAt: at(60) },
  PublishReview: { summary: 'memory exhaustion in checkout', publishedBy: 'carol', publishedAt: at(60) },
  CloseIncident: { closedBy: 'carol', closedAt: at(60) },
  ChangeSeverity: { severity: 'low', reason: 'returned to the customer', changedBy: 'alice', changedAt: at(60) },
  ReassignIncident: {
    assigneeKind: 'person',
    assignee: 'erin',
    reason: 'level 2 takes over',
    reassignedBy: 'alice',
    reassignedAt: at(60),
  },
  LinkIncident: {
    linkedIncidentId: '0b1e2f6a-8c3d-4e5f-9a7b-1c2d3e4f5a6b',
    relation: 'recurrence_of',
    linkedBy: 'carol',
    linkedAt: at(60),
  },
  WaiveReview: { reason: 'a flapping alert, nothing to learn', waivedBy: 'carol', waivedAt: at(60) },
  UnacknowledgeIncident: {
    reason: 'acknowledgement timed out',
    unacknowledgedBy: 'escalation',
    unacknowledgedAt: at(60),
  },
  // Issue 15, exactly-once paging: the outcomes are of page-1, which `pageRequested` histories hold.
  RequestPages: {
    level: 1,
    attempt: 0,
    pages: [{ pageId: 'page-1', target: 'bob', idempotencyKey: 'page:incident:0:1:0:bob' }],
    requestedAt: at(60),
  },
  RecordPageDelivery: { pageId: 'page-1', channel: 'webhook', deliveredAt: at(60) },
  RecordPageFailure: { pageId: 'page-1', reason: 'every contact method failed', failedAt: at(60) },
  StartSlaClocks: {
    clocks: [
      { sla: 'acknowledgement', targetMinutes: 15 },
      { sla: 'resolution', targetMinutes: 480 },
    ],
    startedAt: at(60),
  },
  SignOffReview: { role: 'technical_lead', signedOffBy: 'alice', signedOffAt: at(60) },
};

export const command = <T extends IncidentCommandType>(
  type: T,
  overrides: Partial<Data<T>> = {},
): IncidentCommandOf<T> =>
  ({
    type,
    data: { incidentId: INCIDENT_ID, ...COMMAND_DEFAULTS[type], ...overrides },
  }) as unknown as IncidentCommandOf<T>;

const event = <T extends IncidentEventType>(type: T, data: Omit<IncidentEventOf<T>['data'], 'incidentId'>) =>
  ({ type, data: { incidentId: INCIDENT_ID, ...data } }) as unknown as IncidentEventOf<T>;

/** The events of a typical history, each at a fixed minute. */
export const events = {
  opened: (drill = false) =>
    event('IncidentOpened', {
      dedupKey: 'checkout-api/HighErrorRate',
      source: 'alertmanager',
      customerId: 'acme',
      service: 'checkout-api',
      title: 'Checkout API is down',
      category: 'availability.downtime',
      severity: null,
      labels: { region: 'eu-west-1' },
      drill,
      alertId: 'alert-1',
      openedAt: at(0),
    }),
  triaged: (preApprovedMinutes: number | null = 480) =>
    event('IncidentTriaged', {
      severity: 'high',
      category: 'availability.downtime',
      owningTeam: 'infrastructure',
      ruleId: 'rule-availability',
      preApprovedMinutes,
      ruleSetVersion: 1,
      reasons: ['cloud infrastructure problem'],
      maintenanceWindowId: null,
      flags: [],
      triagedAt: at(1),
    }),
  acknowledged: () => event('IncidentAcknowledged', { responderId: 'alice', acknowledgedAt: at(2) }),
  mitigated: () =>
    event('IncidentMitigated', {
      mitigatedBy: 'alice',
      summary: 'traffic redirected',
      achievedBy: null,
      mitigatedAt: at(10),
    }),
  resolved: () =>
    event('IncidentResolved', {
      cause: 'responder',
      resolvedBy: 'alice',
      summary: 'pods restarted',
      reviewRequired: true,
      resolvedAt: at(20),
    }),
  reviewStarted: () => event('ReviewStarted', { startedBy: 'carol', startedAt: at(30) }),
  rootCauseRecorded: () =>
    event('RootCauseRecorded', {
      technique: '5_whys',
      whys: ['the pods ran out of memory'],
      rootCause: 'no size limit on the session cache',
      contributingFactors: [],
      evidenceLinks: [],
      fixTerm: null,
      recordedBy: 'carol',
      recordedAt: at(31),
    }),
  actionItemAdded: () =>
    event('ActionItemAdded', {
      actionItemId: 'ai-1',
      kind: 'long_term_fix',
      title: 'bound the session cache',
      owner: 'dave',
      dueDate: '2025-03-31',
      ticketUrl: null,
      addedAt: at(32),
    }),
  reviewPublished: () =>
    event('ReviewPublished', {
      summary: 'memory exhaustion',
      renderedSha256: null,
      renderedHtmlSha256: null,
      publishedBy: 'carol',
      publishedAt: at(33),
    }),
  closed: () => event('IncidentClosed', { closedBy: 'carol', note: null, closedAt: at(34) }),
  markedNoAction: () =>
    event('IncidentMarkedNoAction', { reason: 'a new workflow under test', decidedBy: 'rule-1', markedAt: at(3) }),
  returnedToCustomer: () =>
    event('IncidentReturnedToCustomer', {
      reason: 'application problem',
      returnedBy: 'rule-entitlement',
      previousSeverity: 'high',
      downgradedTo: null,
      returnedAt: at(3),
    }),
  escalated: () =>
    event('IncidentEscalated', {
      reason: 'timeout',
      fromLevel: 1,
      toLevel: 2,
      requestedBy: null,
      note: null,
      escalatedAt: at(5),
    }),
  remediationProposed: (requiresApproval = false) =>
    event('RemediationProposed', {
      remediationId: 'rem-1',
      action: 'restart',
      description: 'restart the checkout pods',
      requiresApproval,
      monthlyCostDelta: null,
      proposedBy: 'remediation',
      proposedAt: at(1),
    }),
  containmentApplied: () =>
    event('ContainmentApplied', {
      containmentId: 'con-1',
      action: 'redirect_traffic',
      description: 'traffic moved to eu-central-1',
      appliedBy: 'alice',
      appliedAt: at(1),
    }),
  pageRequested: () =>
    event('PageRequested', {
      pageId: 'page-1',
      level: 1,
      attempt: 0,
      target: 'alice',
      idempotencyKey: 'page:incident:0:1:0:alice',
      requestedAt: at(1),
    }),
  approvalRequested: () =>
    event('RemediationApprovalRequested', {
      remediationId: 'rem-1',
      requestedFrom: APPROVER.id,
      monthlyCostDelta: 420,
      currency: 'EUR',
      validUntil: at(24 * 60),
      requestedAt: at(1),
    }),
};

export interface HistoryOptions {
  /**
   * A remediation `rem-1` proposed right after opening (no approval needed unless `requiresApproval`);
   * `approval_requested`: one that needs approval, asked of APPROVER right away (expiring at minute 1440).
   */
  remediation?: 'no_approval' | 'requires_approval' | 'approval_requested';
  /** In review: record a root cause, add action item `ai-1`, publish. Closed histories always have all three. */
  /** A containment `con-1` applied right after opening. */
  containment?: boolean;
  rootCause?: boolean;
  actionItem?: boolean;
  published?: boolean;
  drill?: boolean;
  /** Escalated to level 2 as the last event (another responder may then take over an acknowledged incident). */
  escalated?: boolean;
  /** In resolved, or in review while unpublished: the review waived, so the incident may close directly. */
  reviewWaived?: boolean;
  /** A page `page-1` to alice requested right after opening, its outcome not yet recorded. */
  pageRequested?: boolean;
}

/** The shortest ordinary history that leaves the incident in `status`. */
export const historyIn = (status: IncidentStatus, options: HistoryOptions = {}): IncidentEvent[] => {
  if (status === 'initial') return [];
  const history: IncidentEvent[] = [events.opened(options.drill)];
  if (options.remediation) history.push(events.remediationProposed(options.remediation !== 'no_approval'));
  if (options.remediation === 'approval_requested') history.push(events.approvalRequested());
  if (options.containment) history.push(events.containmentApplied());
  if (options.pageRequested) history.push(events.pageRequested());
  const steps: Record<Exclude<IncidentStatus, 'initial'>, IncidentEvent[]> = {
    triggered: [],
    triaged: [events.triaged()],
    acknowledged: [events.triaged(), events.acknowledged()],
    mitigated: [events.triaged(), events.acknowledged(), events.mitigated()],
    resolved: [events.triaged(), events.acknowledged(), events.mitigated(), events.resolved()],
    in_review: [events.triaged(), events.acknowledged(), events.mitigated(), events.resolved(), events.reviewStarted()],
    closed: [],
    no_action: [events.triaged(), events.markedNoAction()],
    returned_to_customer: [events.triaged(), events.returnedToCustomer()],
  };
  if (status === 'closed') {
    return [
      ...historyIn('in_review', { ...options, rootCause: true, actionItem: true, published: true }),
      events.closed(),
    ];
  }
  history.push(...steps[status]);
  if (status === 'in_review') {
    if (options.rootCause || options.published) history.push(events.rootCauseRecorded());
    if (options.actionItem) history.push(events.actionItemAdded());
    if (options.published) history.push(events.reviewPublished());
  }
  if (options.escalated) history.push(events.escalated());
  if (options.reviewWaived && (status === 'resolved' || (status === 'in_review' && !options.published))) {
    const waivedAt = at(status === 'resolved' ? 21 : 35);
    history.push(event('ReviewWaived', { reason: 'nothing to learn', waivedBy: 'carol', waivedAt }));
  }
  return history;
};

import type {
  ActionItemKind,
  AssigneeKind,
  IncidentLinkRelation,
  FixTerm,
  ContainmentAction,
  EscalationReason,
  IncidentCategory,
  MitigationSource,
  CustomerChannel,
  ResponseTeamMember,
  TimeKind,
  TriageFlag,
  IsoTimestamp,
  RemediationAction,
  RemediationDecision,
  Severity,
  SignOffRole,
  SlaKind,
  StatusUpdateAudience,
} from './incident-values';

export type DomainEvent<Type extends string, Data> = Readonly<{ type: Type; data: Readonly<Data> }>;

/** Events are stored as JSON: absent values are explicit `null`, never missing keys. */
type Of<Data> = { incidentId: string } & Data;

export type IncidentOpened = DomainEvent<
  'IncidentOpened',
  Of<{
    dedupKey: string;
    source: string;
    customerId: string;
    service: string;
    title: string;
    category: IncidentCategory | null;
    severity: Severity | null;
    labels: Readonly<Record<string, string>>;
    drill: boolean;
    alertId: string | null;
    openedAt: IsoTimestamp;
  }>
>;
export type AlertCorrelated = DomainEvent<
  'AlertCorrelated',
  Of<{ alertId: string | null; alertCount: number; receivedAt: IsoTimestamp }>
>;
export type AlertResolvedAtSource = DomainEvent<
  'AlertResolvedAtSource',
  Of<{ alertId: string | null; allAlertsResolved: boolean; resolvedAt: IsoTimestamp }>
>;
export type IncidentReopened = DomainEvent<
  'IncidentReopened',
  Of<{ alertId: string | null; reopenCount: number; alertCount: number; reopenedAt: IsoTimestamp }>
>;

/**
 * What triage decided; `preApprovedMinutes` is the customer's pre-approved time (SOW), `null` when none.
 * v2 (issue 14) added the rest; v1 events read as `ruleSetVersion: null`, `reasons: []`, `maintenanceWindowId:
 * null`, `flags: []`.
 */
export type Classification = {
  severity: Severity;
  category: IncidentCategory;
  owningTeam: string;
  /** The deciding rule of the rule set, or `manual:<person>` for a person's triage. */
  ruleId: string;
  preApprovedMinutes: number | null;
  /** The applied triage rule-set version that decided; `null` for a person's triage. */
  ruleSetVersion: number | null;
  /** Why: the rule's reason then the conditions that held, or the person's reason. */
  reasons: readonly string[];
  /** The directory's maintenance window the incident arrived in: it is kept and visible, but nobody is paged. */
  maintenanceWindowId: string | null;
  /** What triage asks of the response (an exploit: tell the customer at once, assemble a response team; …). */
  flags: readonly TriageFlag[];
};
export type IncidentTriaged = DomainEvent<'IncidentTriaged', Of<Classification & { triagedAt: IsoTimestamp }>>;
/** A later triage of an incident already past `triggered`: same data, the status does not change. */
export type IncidentReclassified = DomainEvent<
  'IncidentReclassified',
  Of<Classification & { triagedAt: IsoTimestamp }>
>;
export type IncidentMarkedNoAction = DomainEvent<
  'IncidentMarkedNoAction',
  Of<{ reason: string; decidedBy: string; markedAt: IsoTimestamp }>
>;
export type IncidentReturnedToCustomer = DomainEvent<
  'IncidentReturnedToCustomer',
  Of<{
    reason: string;
    returnedBy: string;
    previousSeverity: Severity;
    downgradedTo: Severity | null;
    returnedAt: IsoTimestamp;
  }>
>;

export type ResponderPaged = DomainEvent<
  'ResponderPaged',
  Of<{ pageId: string; responderId: string; channel: string; escalationLevel: number; pagedAt: IsoTimestamp }>
>;
export type IncidentAcknowledged = DomainEvent<
  'IncidentAcknowledged',
  Of<{ responderId: string; acknowledgedAt: IsoTimestamp }>
>;
export type IncidentEscalated = DomainEvent<
  'IncidentEscalated',
  Of<{
    reason: EscalationReason;
    fromLevel: number;
    toLevel: number;
    requestedBy: string | null;
    note: string | null;
    escalatedAt: IsoTimestamp;
  }>
>;
export type SlaBreached = DomainEvent<
  'SlaBreached',
  Of<{ sla: SlaKind; targetMinutes: number; breachedAt: IsoTimestamp }>
>;
/** v2 added `containmentId` so a containment can be lifted and named as what mitigated the incident. */
export type ContainmentApplied = DomainEvent<
  'ContainmentApplied',
  Of<{
    containmentId: string;
    action: ContainmentAction;
    description: string;
    appliedBy: string;
    appliedAt: IsoTimestamp;
  }>
>;

export type RemediationProposed = DomainEvent<
  'RemediationProposed',
  Of<{
    remediationId: string;
    action: RemediationAction;
    description: string;
    requiresApproval: boolean;
    monthlyCostDelta: number | null;
    /** Issue 16: why it runs at once or waits, and the figures used; absent on earlier events. */
    decision?: RemediationDecision;
    proposedBy: string;
    proposedAt: IsoTimestamp;
  }>
>;
/** Schema v2 added the cost, currency and expiry (v1 events read them as `null`). */
export type RemediationApprovalRequested = DomainEvent<
  'RemediationApprovalRequested',
  Of<{
    remediationId: string;
    requestedFrom: string;
    monthlyCostDelta: number | null;
    currency: string | null;
    validUntil: IsoTimestamp | null;
    requestedAt: IsoTimestamp;
  }>
>;
/** v2: `onBehalfOf` is the contact an admin decided for (with `onBehalfReason`); `null` when they decided. */
export type RemediationApproved = DomainEvent<
  'RemediationApproved',
  Of<{
    remediationId: string;
    approvedBy: string;
    onBehalfOf: string | null;
    onBehalfReason: string | null;
    approvedAt: IsoTimestamp;
  }>
>;
export type RemediationRejected = DomainEvent<
  'RemediationRejected',
  Of<{
    remediationId: string;
    rejectedBy: string;
    reason: string;
    onBehalfOf: string | null;
    onBehalfReason: string | null;
    rejectedAt: IsoTimestamp;
  }>
>;
export type RemediationApprovalExpired = DomainEvent<
  'RemediationApprovalExpired',
  Of<{ remediationId: string; validUntil: IsoTimestamp; expiredAt: IsoTimestamp }>
>;
export type ContainmentLifted = DomainEvent<
  'ContainmentLifted',
  Of<{ containmentId: string; liftedBy: string; reason: string | null; liftedAt: IsoTimestamp }>
>;
export type ResponseTeamAssembled = DomainEvent<
  'ResponseTeamAssembled',
  Of<{ members: readonly ResponseTeamMember[]; assembledBy: string; assembledAt: IsoTimestamp }>
>;
export type CustomerNotified = DomainEvent<
  'CustomerNotified',
  Of<{
    channel: CustomerChannel;
    message: string;
    nextUpdateDue: IsoTimestamp | null;
    notifiedBy: string;
    notifiedAt: IsoTimestamp;
  }>
>;
export type RemediationApprovalWithdrawn = DomainEvent<
  'RemediationApprovalWithdrawn',
  Of<{ remediationId: string; withdrawnBy: string; reason: string; withdrawnAt: IsoTimestamp }>
>;
export type RemediationExecuted = DomainEvent<
  'RemediationExecuted',
  /** `output`: what the executor reported (issue 16; absent on earlier events and manual executions). */
  Of<{ remediationId: string; executedBy: string; output?: string; executedAt: IsoTimestamp }>
>;
export type RemediationFailed = DomainEvent<
  'RemediationFailed',
  Of<{ remediationId: string; reason: string; output?: string; failedAt: IsoTimestamp }>
>;

export type StatusUpdatePosted = DomainEvent<
  'StatusUpdatePosted',
  Of<{ audience: StatusUpdateAudience; message: string; postedBy: string; postedAt: IsoTimestamp }>
>;
/** v2 added `kind` and the customer's `period` the time counts against (`null`: no budget known). */
export type TimeLogged = DomainEvent<
  'TimeLogged',
  Of<{
    responderId: string;
    kind: TimeKind;
    minutes: number;
    totalMinutes: number;
    period: string | null;
    note: string | null;
    loggedAt: IsoTimestamp;
  }>
>;
/**
 * v2: the customer's period budget was overrun (`usedMinutes` includes the entry that went over) and why time
 * was logged past it. From the incident-level allowance of triage (deprecated) `period` and `reason` are `null`;
 * v1 events also have `customerId: null`.
 */
export type PreApprovedHoursExceeded = DomainEvent<
  'PreApprovedHoursExceeded',
  Of<{
    customerId: string | null;
    period: string | null;
    budgetMinutes: number;
    usedMinutes: number;
    reason: string | null;
    exceededAt: IsoTimestamp;
  }>
>;

export type IncidentMitigated = DomainEvent<
  'IncidentMitigated',
  Of<{ mitigatedBy: string; summary: string; achievedBy: MitigationSource | null; mitigatedAt: IsoTimestamp }>
>;
/**
 * `cause: 'source'` when every alert cleared at its source and the integration's autoResolve allowed it.
 * `reviewRequired` (v2, issue 13): whether a post-incident review must precede closing; v1 events are upcast
 * to `true`, the only behaviour there was.
 */
export type IncidentResolved = DomainEvent<
  'IncidentResolved',
  Of<{
    cause: 'source' | 'responder';
    resolvedBy: string;
    summary: string;
    reviewRequired: boolean;
    resolvedAt: IsoTimestamp;
  }>
>;

export type ReviewStarted = DomainEvent<'ReviewStarted', Of<{ startedBy: string; startedAt: IsoTimestamp }>>;
/** v2 (issue 17) added the contributing factors, evidence links and fix term; v1 reads `[]`, `[]`, `null`. */
export type RootCauseRecorded = DomainEvent<
  'RootCauseRecorded',
  Of<{
    technique: string;
    whys: readonly string[];
    rootCause: string;
    contributingFactors: readonly string[];
    evidenceLinks: readonly string[];
    fixTerm: FixTerm | null;
    recordedBy: string;
    recordedAt: IsoTimestamp;
  }>
>;
/** v2 (issue 17) added the ticket's URL; v1 reads `null`. */
export type ActionItemAdded = DomainEvent<
  'ActionItemAdded',
  Of<{
    actionItemId: string;
    kind: ActionItemKind;
    title: string;
    owner: string;
    dueDate: string;
    ticketUrl: string | null;
    addedAt: IsoTimestamp;
  }>
>;
/** v2 (issue 17) added the evidence that it is done (a link or a note); v1 reads `null`. */
export type ActionItemCompleted = DomainEvent<
  'ActionItemCompleted',
  Of<{ actionItemId: string; evidence: string | null; completedBy: string; completedAt: IsoTimestamp }>
>;
/**
 * v2 (issue 17) added the sha256 (hex) of the review as rendered (Markdown) when it was published, so a copy can
 * be checked against the record; v1 reads `null`. v3 added the sha256 of the printable HTML page rendered beside
 * it; v1 and v2 read `null`.
 */
export type ReviewPublished = DomainEvent<
  'ReviewPublished',
  Of<{
    summary: string;
    renderedSha256: string | null;
    renderedHtmlSha256: string | null;
    publishedBy: string;
    publishedAt: IsoTimestamp;
  }>
>;
/**
 * Issue 17: a person approved the review in one of the roles publication needs (the directory names who holds
 * each role for the owning team; the review service checks that before deciding).
 */
export type ReviewSignedOff = DomainEvent<
  'ReviewSignedOff',
  Of<{ role: SignOffRole; signedOffBy: string; signedOffAt: IsoTimestamp }>
>;
export type IncidentClosed = DomainEvent<
  'IncidentClosed',
  Of<{ closedBy: string; note: string | null; closedAt: IsoTimestamp }>
>;

// Issue 13, lifecycle corrections (kept together to ease merging).
export type SeverityChanged = DomainEvent<
  'SeverityChanged',
  Of<{
    previousSeverity: Severity | null;
    severity: Severity;
    reason: string;
    changedBy: string;
    changedAt: IsoTimestamp;
  }>
>;
/** To a person: they take over. To a team: its on-call is to be paged; `assignee` names the team. */
export type IncidentReassigned = DomainEvent<
  'IncidentReassigned',
  Of<{
    previousAssignee: string | null;
    assigneeKind: AssigneeKind;
    assignee: string;
    reason: string;
    reassignedBy: string;
    reassignedAt: IsoTimestamp;
  }>
>;
/** No review after all: the resolved incident may be closed directly. */
export type ReviewWaived = DomainEvent<
  'ReviewWaived',
  Of<{ reason: string; waivedBy: string; waivedAt: IsoTimestamp }>
>;
/** This incident is a recurrence or a duplicate of `linkedIncidentId`; the status does not change. */
export type IncidentLinked = DomainEvent<
  'IncidentLinked',
  Of<{
    linkedIncidentId: string;
    relation: IncidentLinkRelation;
    note: string | null;
    linkedBy: string;
    linkedAt: IsoTimestamp;
  }>
>;
/** Back to paging: `triaged` when triage has classified the incident, `triggered` otherwise. */
export type IncidentUnacknowledged = DomainEvent<
  'IncidentUnacknowledged',
  Of<{
    previousAssignee: string;
    reason: string;
    unacknowledgedBy: string;
    status: 'triggered' | 'triaged';
    unacknowledgedAt: IsoTimestamp;
  }>
>;

// Issue 15, exactly-once paging: the intent is recorded before delivery, the outcome after it.
/**
 * A page about to be sent to `target` (a person id): `level` of the escalation policy, `attempt` the policy's
 * round (0, then one per repeat). `idempotencyKey` is derived from (incident, cycle, level, attempt, target), and
 * every delivery of this page carries it, so a receiver sees one page however often it is re-delivered.
 */
export type PageRequested = DomainEvent<
  'PageRequested',
  Of<{
    pageId: string;
    level: number;
    attempt: number;
    target: string;
    idempotencyKey: string;
    requestedAt: IsoTimestamp;
  }>
>;
/** The page reached `target` through `channel` (the contact method used, after any fallback). */
export type PageDelivered = DomainEvent<
  'PageDelivered',
  Of<{
    pageId: string;
    level: number;
    attempt: number;
    target: string;
    channel: string;
    idempotencyKey: string;
    deliveredAt: IsoTimestamp;
  }>
>;
/** Every contact method of the target failed (after retries), or the page was no longer needed. */
export type PageFailed = DomainEvent<
  'PageFailed',
  Of<{ pageId: string; level: number; attempt: number; target: string; reason: string; failedAt: IsoTimestamp }>
>;

/** An SLA clock of the current response cycle started: it runs out at `dueAt` unless its milestone comes first. */
export type SlaClockStarted = DomainEvent<
  'SlaClockStarted',
  Of<{ sla: SlaKind; targetMinutes: number; dueAt: IsoTimestamp; startedAt: IsoTimestamp }>
>;

export type IncidentEvent =
  | IncidentOpened
  | AlertCorrelated
  | AlertResolvedAtSource
  | IncidentReopened
  | IncidentTriaged
  | IncidentReclassified
  | IncidentMarkedNoAction
  | IncidentReturnedToCustomer
  | ResponderPaged
  | IncidentAcknowledged
  | IncidentEscalated
  | SlaBreached
  | ContainmentApplied
  | RemediationProposed
  | RemediationApprovalRequested
  | RemediationApproved
  | RemediationRejected
  | RemediationExecuted
  | RemediationFailed
  // issue 13, remediation and response
  | RemediationApprovalExpired
  | RemediationApprovalWithdrawn
  | ContainmentLifted
  | ResponseTeamAssembled
  | CustomerNotified
  | StatusUpdatePosted
  | TimeLogged
  | PreApprovedHoursExceeded
  | IncidentMitigated
  | IncidentResolved
  | ReviewStarted
  | RootCauseRecorded
  | ActionItemAdded
  | ActionItemCompleted
  | ReviewPublished
  | IncidentClosed
  // Issue 13, lifecycle corrections.
  | SeverityChanged
  | IncidentReassigned
  | IncidentUnacknowledged
  | ReviewWaived
  | IncidentLinked
  // Issue 15, exactly-once paging.
  | PageRequested
  | PageDelivered
  | PageFailed
  | SlaClockStarted
  // Issue 17, review sign-off.
  | ReviewSignedOff;

export type IncidentEventType = IncidentEvent['type'];
export type IncidentEventOf<T extends IncidentEventType> = Extract<IncidentEvent, { type: T }>;

/** Every event type, for consumers that subscribe by type; the record keeps it in step with the union. */
const EVENT_TYPES: { [T in IncidentEventType]: true } = {
  IncidentOpened: true,
  AlertCorrelated: true,
  AlertResolvedAtSource: true,
  IncidentReopened: true,
  IncidentTriaged: true,
  IncidentReclassified: true,
  IncidentMarkedNoAction: true,
  IncidentReturnedToCustomer: true,
  ResponderPaged: true,
  IncidentAcknowledged: true,
  IncidentEscalated: true,
  SlaBreached: true,
  ContainmentApplied: true,
  RemediationProposed: true,
  RemediationApprovalRequested: true,
  RemediationApproved: true,
  RemediationRejected: true,
  RemediationExecuted: true,
  RemediationFailed: true,
  RemediationApprovalExpired: true,
  RemediationApprovalWithdrawn: true,
  ContainmentLifted: true,
  ResponseTeamAssembled: true,
  CustomerNotified: true,
  StatusUpdatePosted: true,
  TimeLogged: true,
  PreApprovedHoursExceeded: true,
  IncidentMitigated: true,
  IncidentResolved: true,
  ReviewStarted: true,
  RootCauseRecorded: true,
  ActionItemAdded: true,
  ActionItemCompleted: true,
  ReviewPublished: true,
  IncidentClosed: true,
  // Issue 13, lifecycle corrections.
  SeverityChanged: true,
  IncidentReassigned: true,
  IncidentUnacknowledged: true,
  ReviewWaived: true,
  IncidentLinked: true,
  // Issue 15, exactly-once paging.
  PageRequested: true,
  PageDelivered: true,
  PageFailed: true,
  SlaClockStarted: true,
  // Issue 17, review sign-off.
  ReviewSignedOff: true,
};
export const INCIDENT_EVENT_TYPES = Object.keys(EVENT_TYPES) as readonly IncidentEventType[];

export const isIncidentEventType = (type: string): type is IncidentEventType => Object.hasOwn(EVENT_TYPES, type);

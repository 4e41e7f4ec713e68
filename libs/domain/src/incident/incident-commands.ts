import type {
  ActionItemKind,
  AssigneeKind,
  AutoResolve,
  IncidentLinkRelation,
  Actor,
  MitigationSource,
  CustomerChannel,
  ResponseTeamMember,
  PreApprovedBudget,
  TimeKind,
  TriageFlag,
  ContainmentAction,
  EscalationReason,
  IncidentCategory,
  IsoTimestamp,
  RemediationAction,
  RemediationDecision,
  Severity,
  SlaKind,
  StatusUpdateAudience,
  FixTerm,
  SignOffRole,
} from './incident-values';

export type DomainCommand<Type extends string, Data> = Readonly<{ type: Type; data: Readonly<Data> }>;

/** Every command names its incident; time and ids are supplied by the caller, never made up by the domain. */
type For<Data> = { incidentId: string } & Data;

export type OpenIncident = DomainCommand<
  'OpenIncident',
  For<{
    dedupKey: string;
    source: string;
    customerId: string;
    service: string;
    title: string;
    category?: IncidentCategory;
    severity?: Severity;
    labels?: Readonly<Record<string, string>>;
    drill?: boolean;
    alertId?: string;
    openedAt: IsoTimestamp;
  }>
>;
export type CorrelateAlert = DomainCommand<'CorrelateAlert', For<{ alertId?: string; receivedAt: IsoTimestamp }>>;
/**
 * `allAlertsResolved`: the source cleared every alert grouped into the incident, not just this one.
 * `autoResolve`: the integration's policy (default `always`), see AUTO_RESOLVE_POLICIES.
 */
export type ResolveAlertAtSource = DomainCommand<
  'ResolveAlertAtSource',
  For<{
    alertId?: string;
    allAlertsResolved: boolean;
    autoResolve?: AutoResolve;
    reviewRequired?: boolean;
    resolvedAt: IsoTimestamp;
  }>
>;
/** The caller's policy supplies the window; decide checks `reopenedAt` against the resolution time. */
export type ReopenIncident = DomainCommand<
  'ReopenIncident',
  For<{ alertId?: string; reopenWindowMinutes: number; reopenedAt: IsoTimestamp }>
>;

export type TriageIncident = DomainCommand<
  'TriageIncident',
  For<{
    severity: Severity;
    category: IncidentCategory;
    owningTeam: string;
    ruleId: string;
    preApprovedMinutes?: number;
    /** The rule-set version that decided (issue 14); absent for a person's triage. */
    ruleSetVersion?: number;
    reasons?: readonly string[];
    maintenanceWindowId?: string;
    flags?: readonly TriageFlag[];
    triagedAt: IsoTimestamp;
  }>
>;
export type MarkIncidentNoAction = DomainCommand<
  'MarkIncidentNoAction',
  For<{ reason: string; decidedBy: string; markedAt: IsoTimestamp }>
>;
export type ReturnIncidentToCustomer = DomainCommand<
  'ReturnIncidentToCustomer',
  For<{ reason: string; returnedBy: string; downgradeTo?: Severity; returnedAt: IsoTimestamp }>
>;

export type PageResponder = DomainCommand<
  'PageResponder',
  For<{ pageId: string; responderId: string; channel: string; pagedAt: IsoTimestamp }>
>;
export type AcknowledgeIncident = DomainCommand<
  'AcknowledgeIncident',
  For<{ responderId: string; acknowledgedAt: IsoTimestamp }>
>;
export type EscalateIncident = DomainCommand<
  'EscalateIncident',
  For<{
    reason: EscalationReason;
    toLevel: number;
    requestedBy?: string;
    note?: string;
    escalatedAt: IsoTimestamp;
  }>
>;
export type RecordSlaBreach = DomainCommand<
  'RecordSlaBreach',
  For<{ sla: SlaKind; targetMinutes: number; breachedAt: IsoTimestamp }>
>;
export type ApplyContainment = DomainCommand<
  'ApplyContainment',
  For<{
    containmentId: string;
    action: ContainmentAction;
    description: string;
    appliedBy: string;
    appliedAt: IsoTimestamp;
  }>
>;

export type ProposeRemediation = DomainCommand<
  'ProposeRemediation',
  For<{
    remediationId: string;
    action: RemediationAction;
    description: string;
    requiresApproval: boolean;
    monthlyCostDelta?: number;
    /** Issue 16: the planner's decision and the figures it used. */
    decision?: RemediationDecision;
    proposedBy: string;
    proposedAt: IsoTimestamp;
  }>
>;
/**
 * Asks a customer contact (`requestedFrom`, a contact id from the directory) to approve the monthly cost change;
 * the request lapses at `validUntil` (a timer then issues ExpireRemediationApproval).
 */
export type RequestRemediationApproval = DomainCommand<
  'RequestRemediationApproval',
  For<{
    remediationId: string;
    requestedFrom: string;
    monthlyCostDelta: number;
    currency: string;
    validUntil: IsoTimestamp;
    requestedAt: IsoTimestamp;
  }>
>;
/** `by` is the caller as authenticated; someone other than the named contact must be an admin and say why. */
export type ApproveRemediation = DomainCommand<
  'ApproveRemediation',
  For<{ remediationId: string; by: Actor; onBehalfReason?: string; approvedAt: IsoTimestamp }>
>;
export type RejectRemediation = DomainCommand<
  'RejectRemediation',
  For<{ remediationId: string; by: Actor; reason: string; onBehalfReason?: string; rejectedAt: IsoTimestamp }>
>;
export type ExpireRemediationApproval = DomainCommand<
  'ExpireRemediationApproval',
  For<{ remediationId: string; expiredAt: IsoTimestamp }>
>;
export type LiftContainment = DomainCommand<
  'LiftContainment',
  For<{ containmentId: string; liftedBy: string; reason?: string; liftedAt: IsoTimestamp }>
>;
/** Replaces the team named before, if any; exactly one member leads as incident commander. */
export type AssembleResponseTeam = DomainCommand<
  'AssembleResponseTeam',
  For<{ members: readonly ResponseTeamMember[]; assembledBy: string; assembledAt: IsoTimestamp }>
>;
/** What the customer is told (distinct from PostStatusUpdate, which may stay internal), and when they hear next. */
export type NotifyCustomer = DomainCommand<
  'NotifyCustomer',
  For<{
    channel: CustomerChannel;
    message: string;
    nextUpdateDue?: IsoTimestamp;
    notifiedBy: string;
    notifiedAt: IsoTimestamp;
  }>
>;
export type WithdrawRemediationApproval = DomainCommand<
  'WithdrawRemediationApproval',
  For<{ remediationId: string; withdrawnBy: string; reason: string; withdrawnAt: IsoTimestamp }>
>;
export type ExecuteRemediation = DomainCommand<
  'ExecuteRemediation',
  For<{ remediationId: string; executedBy: string; output?: string; executedAt: IsoTimestamp }>
>;
export type RecordRemediationFailure = DomainCommand<
  'RecordRemediationFailure',
  For<{ remediationId: string; reason: string; output?: string; failedAt: IsoTimestamp }>
>;

export type PostStatusUpdate = DomainCommand<
  'PostStatusUpdate',
  For<{ audience: StatusUpdateAudience; message: string; postedBy: string; postedAt: IsoTimestamp }>
>;
/** Going past `preApproved.budgetMinutes` needs an `overrunReason`. */
export type LogTime = DomainCommand<
  'LogTime',
  For<{
    responderId: string;
    kind: TimeKind;
    minutes: number;
    note?: string;
    preApproved?: PreApprovedBudget;
    overrunReason?: string;
    loggedAt: IsoTimestamp;
  }>
>;

export type MitigateIncident = DomainCommand<
  'MitigateIncident',
  For<{ mitigatedBy: string; summary: string; achievedBy?: MitigationSource; mitigatedAt: IsoTimestamp }>
>;
/** `reviewRequired` comes from the caller's review policy; absent means a review is required. */
export type ResolveIncident = DomainCommand<
  'ResolveIncident',
  For<{ resolvedBy: string; summary: string; reviewRequired?: boolean; resolvedAt: IsoTimestamp }>
>;

export type StartReview = DomainCommand<'StartReview', For<{ startedBy: string; startedAt: IsoTimestamp }>>;
/** `technique` defaults to `5_whys`, which needs at least one why; another technique may leave `whys` empty. */
export type RecordRootCause = DomainCommand<
  'RecordRootCause',
  For<{
    technique?: string;
    whys: readonly string[];
    rootCause: string;
    contributingFactors?: readonly string[];
    /** http(s) URLs: dashboards, logs, the change that caused it. */
    evidenceLinks?: readonly string[];
    fixTerm?: FixTerm;
    recordedBy: string;
    recordedAt: IsoTimestamp;
  }>
>;
export type AddActionItem = DomainCommand<
  'AddActionItem',
  For<{
    actionItemId: string;
    kind: ActionItemKind;
    title: string;
    owner: string;
    /** `YYYY-MM-DD` or a full timestamp. */
    dueDate: string;
    ticketUrl?: string;
    addedAt: IsoTimestamp;
  }>
>;
export type CompleteActionItem = DomainCommand<
  'CompleteActionItem',
  For<{ actionItemId: string; evidence?: string; completedBy: string; completedAt: IsoTimestamp }>
>;
/**
 * `requiredSignOffs`: the roles whose sign-off the caller's policy asks for (absent: none); publication is refused
 * until each has signed off since the last change to the analysis or the action items.
 */
export type PublishReview = DomainCommand<
  'PublishReview',
  For<{
    summary: string;
    renderedSha256?: string;
    renderedHtmlSha256?: string;
    requiredSignOffs?: readonly SignOffRole[];
    publishedBy: string;
    publishedAt: IsoTimestamp;
  }>
>;
/** Issue 17: approve the review in a role; the caller checks that `signedOffBy` holds it. */
export type SignOffReview = DomainCommand<
  'SignOffReview',
  For<{ role: SignOffRole; signedOffBy: string; signedOffAt: IsoTimestamp }>
>;
export type CloseIncident = DomainCommand<
  'CloseIncident',
  For<{ closedBy: string; note?: string; closedAt: IsoTimestamp }>
>;

// Issue 13, lifecycle corrections (kept together to ease merging).
export type ChangeSeverity = DomainCommand<
  'ChangeSeverity',
  For<{ severity: Severity; reason: string; changedBy: string; changedAt: IsoTimestamp }>
>;
export type ReassignIncident = DomainCommand<
  'ReassignIncident',
  For<{
    assigneeKind: AssigneeKind;
    assignee: string;
    reason: string;
    reassignedBy: string;
    reassignedAt: IsoTimestamp;
  }>
>;
export type WaiveReview = DomainCommand<
  'WaiveReview',
  For<{ reason: string; waivedBy: string; waivedAt: IsoTimestamp }>
>;
export type LinkIncident = DomainCommand<
  'LinkIncident',
  For<{
    linkedIncidentId: string;
    relation: IncidentLinkRelation;
    note?: string;
    linkedBy: string;
    linkedAt: IsoTimestamp;
  }>
>;
/** Typically the escalation service when an acknowledgement times out; the incident goes back to paging. */
export type UnacknowledgeIncident = DomainCommand<
  'UnacknowledgeIncident',
  For<{ reason: string; unacknowledgedBy: string; unacknowledgedAt: IsoTimestamp }>
>;

// Issue 15, exactly-once paging.
export interface PageIntent {
  readonly pageId: string;
  /** A person id. */
  readonly target: string;
  readonly idempotencyKey: string;
}
/** The pages of one escalation step, recorded together before any is delivered (one cause, one command). */
export type RequestPages = DomainCommand<
  'RequestPages',
  For<{ level: number; attempt: number; pages: readonly PageIntent[]; requestedAt: IsoTimestamp }>
>;
export type RecordPageDelivery = DomainCommand<
  'RecordPageDelivery',
  For<{ pageId: string; channel: string; deliveredAt: IsoTimestamp }>
>;
export type RecordPageFailure = DomainCommand<
  'RecordPageFailure',
  For<{ pageId: string; reason: string; failedAt: IsoTimestamp }>
>;

export interface SlaClock {
  readonly sla: SlaKind;
  readonly targetMinutes: number;
}
/** The SLA clocks of the current response cycle, from the directory's targets for the incident's severity. */
export type StartSlaClocks = DomainCommand<
  'StartSlaClocks',
  For<{ clocks: readonly SlaClock[]; startedAt: IsoTimestamp }>
>;

export type IncidentCommand =
  | OpenIncident
  | CorrelateAlert
  | ResolveAlertAtSource
  | ReopenIncident
  | TriageIncident
  | MarkIncidentNoAction
  | ReturnIncidentToCustomer
  | PageResponder
  | AcknowledgeIncident
  | EscalateIncident
  | RecordSlaBreach
  | ApplyContainment
  | ProposeRemediation
  | RequestRemediationApproval
  | ApproveRemediation
  | RejectRemediation
  | ExecuteRemediation
  | RecordRemediationFailure
  // issue 13, remediation and response
  | ExpireRemediationApproval
  | WithdrawRemediationApproval
  | LiftContainment
  | AssembleResponseTeam
  | NotifyCustomer
  | PostStatusUpdate
  | LogTime
  | MitigateIncident
  | ResolveIncident
  | StartReview
  | RecordRootCause
  | AddActionItem
  | CompleteActionItem
  | PublishReview
  | CloseIncident
  // Issue 13, lifecycle corrections.
  | ChangeSeverity
  | ReassignIncident
  | UnacknowledgeIncident
  | WaiveReview
  | LinkIncident
  // Issue 15, exactly-once paging.
  | RequestPages
  | RecordPageDelivery
  | RecordPageFailure
  | StartSlaClocks
  // Issue 17, review sign-off.
  | SignOffReview;

export type IncidentCommandType = IncidentCommand['type'];
export type IncidentCommandOf<T extends IncidentCommandType> = Extract<IncidentCommand, { type: T }>;

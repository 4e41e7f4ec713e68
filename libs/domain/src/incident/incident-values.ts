/** ISO-8601 timestamp with a zone, e.g. `2025-03-01T10:00:00.000Z`. Time always arrives with the command. */
export type IsoTimestamp = string;

/** Ticket priorities of the enterprise monitoring seed ("urgent or high priority ticket"), most severe first. */
export const SEVERITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** DESIGN.md §2 category table. */
export const INCIDENT_CATEGORIES = [
  'resources.underutilized',
  'resources.exhausted',
  'errors.high_rate',
  'security.exploit',
  'availability.downtime',
  'defect.bug',
] as const;
export type IncidentCategory = (typeof INCIDENT_CATEGORIES)[number];

export const ESCALATION_REASONS = ['timeout', 'asked_for_help'] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];

export const SLA_KINDS = ['acknowledgement', 'mitigation', 'resolution', 'customer_update'] as const;
export type SlaKind = (typeof SLA_KINDS)[number];

/**
 * Clocks that start over at each milestone instead of stopping: the time between customer updates runs again
 * from every update, so such a clock may be started more than once in a response cycle.
 */
export const restartsAtMilestone = (sla: SlaKind): boolean => sla === 'customer_update';

/** Handbook containment: isolate affected components or redirect traffic to healthy parts. */
export const CONTAINMENT_ACTIONS = ['isolate_component', 'redirect_traffic', 'other'] as const;
export type ContainmentAction = (typeof CONTAINMENT_ACTIONS)[number];

/** Immediate fixes (rollback, restart, patch) and the resource actions of the managed-hosting seed. */
export const REMEDIATION_ACTIONS = [
  'scale_up',
  'scale_down',
  'resize',
  'rollback',
  'restart',
  'patch',
  'other',
] as const;
export type RemediationAction = (typeof REMEDIATION_ACTIONS)[number];

export const REMEDIATION_STATUSES = [
  'proposed',
  'approval_requested',
  'approved',
  'rejected',
  'executed',
  'failed',
  'expired',
] as const;
export type RemediationStatus = (typeof REMEDIATION_STATUSES)[number];

/** Alerts are internal by default; a customer can subscribe to availability notifications. */
export const STATUS_UPDATE_AUDIENCES = ['internal', 'customer'] as const;
export type StatusUpdateAudience = (typeof STATUS_UPDATE_AUDIENCES)[number];

export const ACTION_ITEM_KINDS = ['long_term_fix', 'preventive', 'automation', 'patch'] as const;
export type ActionItemKind = (typeof ACTION_ITEM_KINDS)[number];

/** Issue 17: the roles (named per team in the directory) whose sign-off a review needs before publication. */
export const SIGN_OFF_ROLES = ['technical_lead', 'project_manager'] as const;
export type SignOffRole = (typeof SIGN_OFF_ROLES)[number];

/** Issue 17: whether the fix that ended the incident holds (long term) or only bought time (short term). */
export const FIX_TERMS = ['short_term', 'long_term'] as const;
export type FixTerm = (typeof FIX_TERMS)[number];

/** "Which RCA technique should we use? 5 WHY, however, you can use any other technique as well." */
export const DEFAULT_RCA_TECHNIQUE = '5_whys';

/** True when `candidate` is strictly less severe than `current` (a downgrade). */
export const isLessSevere = (candidate: Severity, current: Severity): boolean =>
  SEVERITIES.indexOf(candidate) > SEVERITIES.indexOf(current);

/**
 * When the source's resolve resolves the incident (issue 13): `always` whatever its open status (PagerDuty's
 * behaviour, the default), `unacknowledged` only while nobody has acknowledged it, `never` only records it.
 */
export const AUTO_RESOLVE_POLICIES = ['always', 'unacknowledged', 'never'] as const;
export type AutoResolve = (typeof AUTO_RESOLVE_POLICIES)[number];
export const DEFAULT_AUTO_RESOLVE: AutoResolve = 'always';

/** How another incident relates to this one: this one recurs it, or duplicates it. */
export const INCIDENT_LINK_RELATIONS = ['recurrence_of', 'duplicate_of'] as const;
export type IncidentLinkRelation = (typeof INCIDENT_LINK_RELATIONS)[number];

/** Who an incident is handed to: one person, or a team whose on-call must then acknowledge. */
export const ASSIGNEE_KINDS = ['person', 'team'] as const;
export type AssigneeKind = (typeof ASSIGNEE_KINDS)[number];

/** Handbook: corrective and preventive actions, and the investigation before either. */
export const TIME_KINDS = ['corrective', 'preventive', 'investigation'] as const;
export type TimeKind = (typeof TIME_KINDS)[number];

/** A calendar month, `YYYY-MM`: the period pre-approved hours are granted for. */
export const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * The customer's pre-approved time for the period, as the directory and the hours read model know it when the
 * caller logs time: the domain has neither, so the caller supplies the facts and the domain applies the rule.
 */
export interface PreApprovedBudget {
  readonly period: string;
  readonly budgetMinutes: number;
  /** Used in the period before this entry, across all the customer's incidents. */
  readonly usedMinutes: number;
}

/** Roles in a response team (handbook: someone leads, someone keeps stakeholders informed, security joins exploits). */
export const RESPONSE_ROLES = ['incident_commander', 'communications', 'security', 'responder'] as const;
export type ResponseRole = (typeof RESPONSE_ROLES)[number];
export interface ResponseTeamMember {
  readonly personId: string;
  readonly role: ResponseRole;
}

/** How a customer is told (the directory's contact methods; a phone call goes through a webhook). */
export const CUSTOMER_CHANNELS = ['email', 'webhook', 'chat', 'phone'] as const;
export type CustomerChannel = (typeof CUSTOMER_CHANNELS)[number];

/** What brought the impact down (MitigateIncident): an executed remediation or a containment in place. */
export const MITIGATION_SOURCES = ['remediation', 'containment'] as const;
export interface MitigationSource {
  readonly kind: (typeof MITIGATION_SOURCES)[number];
  readonly id: string;
}

/** Who issues an approval decision, as the caller authenticated them: the domain has no auth, only this data. */
export interface Actor {
  readonly id: string;
  readonly roles: readonly string[];
}

/** The role that may decide an approval on behalf of the named contact (with a reason). */
export const ADMIN_ROLE = 'admin';

/** ISO 4217 code, e.g. `EUR`. */
export const CURRENCY_CODE = /^[A-Z]{3}$/;

/**
 * What triage asks of the response (issue 14), recorded with its classification: an exploit's customer is told at
 * once and a response team formed; exhausted resources may be autoscaled within the service's limits; an
 * underutilised one gets a downsize proposed.
 */
export const TRIAGE_FLAGS = [
  'notify_customer_immediately',
  'assemble_response_team',
  'autoscale_within_limits',
  'propose_downsize',
] as const;
export type TriageFlag = (typeof TRIAGE_FLAGS)[number];

/**
 * Why a remediation runs at once or waits for the customer (issue 16), and the figures that decided it: the
 * remediation service's planner fills it in, the domain only records it. Absent on events from before issue 16.
 */
export interface RemediationDecision {
  readonly outcome: 'within_limits' | 'needs_approval';
  /** Each limit or threshold that was exceeded or unknown; empty when within limits. */
  readonly reasons: readonly string[];
  readonly runbookId: string;
  readonly runbookVersion: number | null;
  readonly stepId: string;
  /** The runbook's executor the step runs on, and what it is given. */
  readonly executor: string | null;
  readonly parameters: Readonly<Record<string, string | number>>;
  readonly figures: Readonly<Record<string, string | number | null>>;
  /**
   * The runbook's previous automated step (its remediation id), which must have executed (or failed for good with
   * `then: next`) before this one runs; `null` for the first. Absent on proposals from before steps ran in order.
   */
  readonly after?: string | null;
}

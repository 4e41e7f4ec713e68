import type { IncidentOpened } from './incident-events';
import type { OpenedStatus } from './lifecycle';
import type {
  ActionItemKind,
  ContainmentAction,
  MitigationSource,
  ResponseTeamMember,
  IncidentCategory,
  IncidentLinkRelation,
  IsoTimestamp,
  RemediationAction,
  RemediationStatus,
  Severity,
  SlaKind,
  SignOffRole,
} from './incident-values';

/** The approval asked for last; fields are `null` for requests recorded before they were required (v1). */
export interface ApprovalRequest {
  readonly requestedFrom: string;
  readonly monthlyCostDelta: number | null;
  readonly currency: string | null;
  readonly validUntil: IsoTimestamp | null;
}

export interface RemediationRecord {
  readonly remediationId: string;
  readonly action: RemediationAction;
  readonly requiresApproval: boolean;
  readonly status: RemediationStatus;
  readonly approval: ApprovalRequest | null;
}

export interface ContainmentRecord {
  readonly containmentId: string;
  readonly action: ContainmentAction;
  readonly appliedAt: IsoTimestamp;
  readonly liftedAt: IsoTimestamp | null;
}

export interface ActionItemRecord {
  readonly actionItemId: string;
  readonly kind: ActionItemKind;
  readonly title: string;
  readonly owner: string;
  readonly dueDate: string;
  readonly completedAt: IsoTimestamp | null;
}

/** Issue 17: an approval of the review, withdrawn by a later change to the analysis or the action items. */
export interface ReviewSignOff {
  readonly role: SignOffRole;
  readonly signedOffBy: string;
  readonly signedOffAt: IsoTimestamp;
}

export interface IncidentLink {
  readonly linkedIncidentId: string;
  readonly relation: IncidentLinkRelation;
}

export interface RootCause {
  readonly technique: string;
  readonly whys: readonly string[];
  readonly rootCause: string;
  readonly recordedAt: IsoTimestamp;
}

/** A page asked for (issue 15) and what became of it; `cycle` is the response cycle (reopenCount) it belongs to. */
export interface PageRecord {
  readonly pageId: string;
  readonly cycle: number;
  readonly level: number;
  readonly attempt: number;
  readonly target: string;
  readonly idempotencyKey: string;
  readonly outcome: 'requested' | 'delivered' | 'failed';
}

/** Why triage stopped the lifecycle early (no action needed, or handed back to the customer). */
export interface Disposition {
  readonly kind: 'no_action' | 'returned_to_customer';
  readonly reason: string;
  readonly decidedAt: IsoTimestamp;
}

/** Everything known about an opened incident; the status variants below narrow what each status guarantees. */
export interface IncidentDetails {
  readonly incidentId: string;
  readonly dedupKey: string;
  readonly source: string;
  readonly customerId: string;
  readonly service: string;
  readonly title: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly drill: boolean;
  readonly openedAt: IsoTimestamp;
  readonly alertCount: number;
  readonly lastAlertAt: IsoTimestamp;
  readonly reopenCount: number;
  readonly severity: Severity | null;
  readonly category: IncidentCategory | null;
  readonly owningTeam: string | null;
  readonly triageRuleId: string | null;
  /** The maintenance window triage found the incident in (issue 14): kept and visible, nobody paged. */
  readonly maintenanceWindowId: string | null;
  readonly preApprovedMinutes: number | null;
  readonly assignee: string | null;
  readonly acknowledgedAt: IsoTimestamp | null;
  /** The escalation level when it was acknowledged: a later escalation lets another responder take over. */
  readonly acknowledgedAtLevel: number | null;
  /** The on-call level now responsible; 1 is the first level of the escalation policy. */
  readonly escalationLevel: number;
  readonly pageCount: number;
  /** Pages asked for through RequestPages, in order (ResponderPaged, recorded after the fact, is not here). */
  readonly pages: readonly PageRecord[];
  readonly slaBreaches: readonly SlaKind[];
  /** The SLA clocks started in this response cycle (issue 15); a reopen starts a new cycle. */
  readonly slaClocks: readonly SlaKind[];
  readonly remediations: readonly RemediationRecord[];
  readonly containments: readonly ContainmentRecord[];
  readonly responseTeam: readonly ResponseTeamMember[];
  /** When the customer was last told, and when they were promised the next word (`null`: no promise). */
  readonly lastCustomerNotificationAt: IsoTimestamp | null;
  readonly nextCustomerUpdateDue: IsoTimestamp | null;
  readonly loggedMinutes: number;
  readonly preApprovedHoursExceeded: boolean;
  readonly lastStatusUpdateAt: IsoTimestamp | null;
  /** When the customer last heard from us: a notification or a status update for the customer audience. */
  readonly lastCustomerUpdateAt: IsoTimestamp | null;
  readonly mitigatedAt: IsoTimestamp | null;
  /** What the mitigation named as having achieved it, when it named something. */
  readonly mitigationSource: MitigationSource | null;
  readonly resolvedAt: IsoTimestamp | null;
  /**
   * Whether closing needs a published review; `null` until resolved (a reopen clears it again). `true` from the
   * start of a review, so `false` in review means it was waived (`isReviewWaived`).
   */
  readonly reviewRequired: boolean | null;
  readonly disposition: Disposition | null;
  readonly rootCause: RootCause | null;
  readonly reviewStartedAt: IsoTimestamp | null;
  readonly reviewPublishedAt: IsoTimestamp | null;
  readonly actionItems: readonly ActionItemRecord[];
  readonly links: readonly IncidentLink[];
  /** Issue 17: the sign-offs the review holds now (one per role). */
  readonly reviewSignOffs: readonly ReviewSignOff[];
  readonly closedAt: IsoTimestamp | null;
}

type Opened<Status extends OpenedStatus, Guarantees = unknown> = IncidentDetails & {
  readonly status: Status;
} & Guarantees;
type Classified = { readonly severity: Severity; readonly category: IncidentCategory; readonly owningTeam: string };
type Acknowledged = { readonly assignee: string; readonly acknowledgedAt: IsoTimestamp };

export type InitialIncident = { readonly status: 'initial' };
export type TriggeredIncident = Opened<'triggered'>;
export type TriagedIncident = Opened<'triaged', Classified>;
export type AcknowledgedIncident = Opened<'acknowledged', Acknowledged>;
/** Not necessarily acknowledged: a responder may mitigate straight from triaged (issue 13). */
export type MitigatedIncident = Opened<'mitigated', { readonly mitigatedAt: IsoTimestamp }>;
export type ResolvedIncident = Opened<
  'resolved',
  { readonly resolvedAt: IsoTimestamp; readonly reviewRequired: boolean }
>;
export type InReviewIncident = Opened<
  'in_review',
  { readonly resolvedAt: IsoTimestamp; readonly reviewStartedAt: IsoTimestamp }
>;
export type ClosedIncident = Opened<'closed', { readonly closedAt: IsoTimestamp }>;
export type NoActionIncident = Opened<'no_action', Classified & { readonly disposition: Disposition }>;
export type ReturnedToCustomerIncident = Opened<
  'returned_to_customer',
  Classified & { readonly disposition: Disposition }
>;

export type OpenedIncident =
  | TriggeredIncident
  | TriagedIncident
  | AcknowledgedIncident
  | MitigatedIncident
  | ResolvedIncident
  | InReviewIncident
  | ClosedIncident
  | NoActionIncident
  | ReturnedToCustomerIncident;

export type IncidentState = InitialIncident | OpenedIncident;
export type IncidentStateIn<S extends IncidentState['status']> = Extract<IncidentState, { status: S }>;

export const initialState = (): IncidentState => ({ status: 'initial' });

export type AlertIdentity = Pick<
  IncidentOpened['data'],
  'incidentId' | 'dedupKey' | 'source' | 'customerId' | 'service' | 'title'
>;

/**
 * What names an incident as its first alert opened it, from the command into the event and from the event
 * into the state: picked field by field, so nothing else that came in with the data is carried along.
 */
export const alertIdentity = ({ incidentId, dedupKey, source, customerId, service, title }: AlertIdentity) => ({
  incidentId,
  dedupKey,
  source,
  customerId,
  service,
  title,
});

/** The state right after IncidentOpened: what the alert told us, and nothing done yet. */
export const openedIncident = (opened: IncidentOpened['data']): TriggeredIncident => {
  const { category, severity, labels, drill, openedAt } = opened;
  return {
    status: 'triggered',
    ...alertIdentity(opened),
    labels,
    drill,
    openedAt,
    severity,
    category,
    alertCount: 1,
    lastAlertAt: openedAt,
    reopenCount: 0,
    owningTeam: null,
    triageRuleId: null,
    maintenanceWindowId: null,
    preApprovedMinutes: null,
    assignee: null,
    acknowledgedAt: null,
    acknowledgedAtLevel: null,
    escalationLevel: 1,
    pageCount: 0,
    pages: [],
    slaBreaches: [],
    slaClocks: [],
    remediations: [],
    containments: [],
    responseTeam: [],
    lastCustomerNotificationAt: null,
    nextCustomerUpdateDue: null,
    loggedMinutes: 0,
    preApprovedHoursExceeded: false,
    lastStatusUpdateAt: null,
    lastCustomerUpdateAt: null,
    mitigatedAt: null,
    mitigationSource: null,
    resolvedAt: null,
    reviewRequired: null,
    disposition: null,
    rootCause: null,
    reviewStartedAt: null,
    reviewPublishedAt: null,
    actionItems: [],
    links: [],
    reviewSignOffs: [],
    closedAt: null,
  };
};

/** A review started and then waived (issue 17): it is neither edited nor published any more, only closed. */
export const isReviewWaived = (state: IncidentState): boolean =>
  state.status === 'in_review' && state.reviewRequired === false;

export const findRemediation = (state: IncidentDetails, remediationId: string): RemediationRecord | undefined =>
  state.remediations.find((remediation) => remediation.remediationId === remediationId);

export const findPage = (state: IncidentDetails, pageId: string): PageRecord | undefined =>
  state.pages.find((page) => page.pageId === pageId);

export const findContainment = (state: IncidentDetails, containmentId: string): ContainmentRecord | undefined =>
  state.containments.find((containment) => containment.containmentId === containmentId);

export const findActionItem = (state: IncidentDetails, actionItemId: string): ActionItemRecord | undefined =>
  state.actionItems.find((item) => item.actionItemId === actionItemId);

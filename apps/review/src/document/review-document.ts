import type {
  ActionItemKind,
  EscalationReason,
  FixTerm,
  IncidentCategory,
  IsoTimestamp,
  IncidentLinkRelation,
  Severity,
  SignOffRole,
  SlaKind,
  TimeKind,
} from '@incident/domain';

export const TIMELINE_KINDS = [
  'detection',
  'triage',
  'acknowledgement',
  'escalation',
  'sla_breach',
  'containment',
  'remediation',
  'customer_update',
  'mitigation',
  'resolution',
  'reopen',
  'change',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelineEntry {
  readonly at: IsoTimestamp;
  readonly kind: TimelineKind;
  readonly summary: string;
  readonly by: string | null;
}

/** Why help was needed: every escalation, with its reason and the responder's note. */
export interface EscalationRecord {
  readonly at: IsoTimestamp;
  readonly fromLevel: number;
  readonly toLevel: number;
  readonly reason: EscalationReason;
  readonly requestedBy: string | null;
  readonly why: string;
}

export interface ReviewImpact {
  readonly openedAt: IsoTimestamp;
  readonly acknowledgedAt: IsoTimestamp | null;
  readonly resolvedAt: IsoTimestamp | null;
  /** Opening to the last resolution; `null` while unresolved. */
  readonly durationMinutes: number | null;
  readonly timeToAcknowledgeMinutes: number | null;
  readonly customers: readonly string[];
  readonly services: readonly string[];
  readonly slaBreaches: readonly { sla: SlaKind; targetMinutes: number; breachedAt: IsoTimestamp }[];
  readonly reopenCount: number;
}

export interface TimeLogged {
  readonly totalMinutes: number;
  readonly byKind: Readonly<Record<TimeKind, number>>;
  /** The customer's pre-approved minutes triage recorded; `null` when none is known. */
  readonly preApprovedMinutes: number | null;
  readonly preApprovedExceeded: boolean;
}

export interface ActionItemView {
  readonly actionItemId: string;
  readonly kind: ActionItemKind;
  readonly title: string;
  readonly owner: string;
  readonly dueDate: string;
  readonly ticketUrl: string | null;
  readonly addedAt: IsoTimestamp;
  readonly completedAt: IsoTimestamp | null;
  readonly completedBy: string | null;
  readonly evidence: string | null;
}

export interface RootCauseView {
  readonly technique: string;
  readonly whys: readonly string[];
  readonly rootCause: string;
  readonly contributingFactors: readonly string[];
  readonly evidenceLinks: readonly string[];
  readonly fixTerm: FixTerm | null;
  readonly recordedBy: string;
  readonly recordedAt: IsoTimestamp;
}

/** An approval the review holds now; a later change to the analysis or the action items withdraws it. */
export interface SignOffView {
  readonly role: SignOffRole;
  readonly signedOffBy: string;
  readonly signedOffAt: IsoTimestamp;
}

/** Another incident this one is linked to (a recurrence found when the review opened, or a person's link). */
export interface LinkedIncidentView {
  readonly incidentId: string;
  readonly relation: IncidentLinkRelation;
  readonly note: string | null;
  readonly linkedAt: IsoTimestamp;
}

/** The review as the history tells it: nothing here is typed in, except the responders' part at the end. */
export interface ReviewDocument {
  readonly incidentId: string;
  readonly title: string;
  readonly drill: boolean;
  readonly severity: Severity | null;
  readonly category: IncidentCategory | null;
  readonly owningTeam: string | null;
  readonly timeline: readonly TimelineEntry[];
  readonly escalations: readonly EscalationRecord[];
  readonly impact: ReviewImpact;
  readonly timeLogged: TimeLogged;
  readonly reviewStartedAt: IsoTimestamp | null;
  readonly rootCause: RootCauseView | null;
  readonly actionItems: readonly ActionItemView[];
  readonly linkedIncidents: readonly LinkedIncidentView[];
  readonly signOffs: readonly SignOffView[];
  readonly publishedAt: IsoTimestamp | null;
  readonly closedAt: IsoTimestamp | null;
}

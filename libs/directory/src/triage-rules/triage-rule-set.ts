import type { IncidentCategory, IsoTimestamp, Severity, TriageFlag } from '@incident/domain';
import type { Subscription } from '../directory';

/**
 * The triage rule set (issue 14): an ordered list of rules, first match wins, the last rule matches everything.
 * config/triage-rules.example.yaml is the committed example; parseTriageRules turns such a file into this shape.
 */
export interface TriageRuleSet {
  /** The applied version it came from; `null` for a file not applied (explain or what-if with a proposal). */
  readonly version: number | null;
  readonly rules: readonly TriageRule[];
  /** Named mock incidents for `POST /v1/drills`. */
  readonly drillScenarios: readonly DrillScenario[];
  /**
   * How far back triage looks for changes of the incident's service (issue 21); absent: 60 minutes. No rule's
   * `changeWithinMinutes` may reach further.
   */
  readonly changeLookbackMinutes?: number;
}

/** Triage's look-back for changes when the rule set names none. */
export const DEFAULT_CHANGE_LOOKBACK_MINUTES = 60;

export interface TriageRule {
  readonly id: string;
  readonly description: string;
  /** Every condition given must hold; a rule with none matches everything (the default rule). */
  readonly when: RuleConditions;
  readonly then: RuleOutcome;
}

export type LabelCondition = { readonly equals: string } | { readonly regex: string } | { readonly present: boolean };

/** Days as Luxon numbers them: 1 Monday … 7 Sunday. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Local time in `timeZone`: on these days (all when absent), from `from` until `until` (wrapping midnight). */
export interface TimeCondition {
  readonly timeZone: string;
  readonly days?: readonly Weekday[];
  readonly from?: string;
  readonly until?: string;
}

export interface RuleConditions {
  readonly source?: readonly string[];
  /** Per label: a value (equality), `{ regex }`, or `{ present: true|false }`. */
  readonly labels?: Readonly<Record<string, LabelCondition>>;
  readonly category?: readonly (IncidentCategory | 'none')[];
  readonly severity?: readonly (Severity | 'none')[];
  readonly customer?: readonly string[];
  readonly service?: readonly string[];
  /** A ticket's kind (`application`, `infrastructure`); an alert has none and never matches. */
  readonly ticketKind?: readonly string[];
  readonly drill?: boolean;
  /** Whether the service is inside one of the directory's maintenance windows at the time of triage. */
  readonly maintenanceWindow?: boolean;
  /** The customer's subscriptions in the directory; a customer the directory does not know has none. */
  readonly subscription?: { readonly includes: Subscription } | { readonly lacks: Subscription };
  readonly time?: TimeCondition;
  /** A change of the incident's service at most this many minutes before `at` (issue 21: "after a deploy"). */
  readonly changeWithinMinutes?: number;
  /** With changeWithinMinutes: only changes of these types (`deploy`, `config`, ...) count. */
  readonly changeType?: readonly string[];
}

/** A change of the incident's service, as triage sees it (the recorded `ChangeRecorded`). */
export interface TriageChange {
  readonly changeId: string;
  readonly changeType: string;
  readonly summary: string;
  readonly source: string;
  readonly occurredAt: IsoTimestamp;
}

export type RuleDisposition = 'no_action' | 'return_to_customer';

export interface RuleOutcome {
  /** Set the category; absent: keep the incident's, or `categoryIfMissing` when it came without one. */
  readonly category?: IncidentCategory;
  readonly categoryIfMissing?: IncidentCategory;
  /** Set the severity; absent: keep the incident's, or `severityIfMissing` when it came without one. */
  readonly severity?: Severity;
  readonly severityIfMissing?: Severity;
  /** `service`: the directory's owner team of the incident's service, falling back to `team`. */
  readonly teamFrom?: 'service';
  readonly team?: string;
  readonly disposition?: RuleDisposition;
  /** Steps down the severity scale when returned to the customer (never below low). */
  readonly downgrade?: number;
  readonly flags?: readonly TriageFlag[];
  /** Told to the customer (a CustomerNotified), never for a drill. `{title}`, `{service}`, `{customer}` filled in. */
  readonly notifyCustomer?: string;
  /** Why: recorded first among the decision's reasons, and the no-action or return reason. */
  readonly reason: string;
}

export interface DrillScenario {
  readonly name: string;
  readonly title: string;
  readonly service: string;
  readonly customer: string;
  readonly category: IncidentCategory;
  readonly severity: Severity;
  readonly labels?: Readonly<Record<string, string>>;
}

/** What triage knows about an incident when it decides: its alert, and what the directory says about it. */
export interface TriageFacts {
  readonly source: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly category: IncidentCategory | null;
  readonly severity: Severity | null;
  readonly customerId: string;
  readonly service: string;
  readonly title: string;
  /** The ticket's kind (label `kind` of a `ticket` source); `null` for an alert. */
  readonly ticketKind: string | null;
  readonly drill: boolean;
  /** The moment triaged for: when the incident opened (or reopened). Time conditions look at it. */
  readonly at: IsoTimestamp;
  /** From the directory; `[]` when the directory does not know the customer. */
  readonly subscriptions: readonly Subscription[];
  /** The directory's owner team of the service; `null` when unknown. */
  readonly serviceOwnerTeam: string | null;
  /** The directory's maintenance window covering the service at `at`; `null` when none. */
  readonly maintenanceWindowId: string | null;
  /** The service's changes in the rule set's look-back before `at`; absent: none known (what-if, explain). */
  readonly changes?: readonly TriageChange[];
}

/** What the rules decided for one incident. */
export type TriageDecision =
  | {
      readonly kind: 'triage';
      readonly severity: Severity;
      readonly category: IncidentCategory;
      readonly owningTeam: string;
      readonly disposition: TriageDisposition | null;
      readonly flags: readonly TriageFlag[];
      /** The customer notification to send, `null` for none (always `null` for a drill). */
      readonly customerNotification: string | null;
      readonly maintenanceWindowId: string | null;
      readonly drill: boolean;
    }
  /** The rule gives no severity, category or team and the incident has none: a person triages it. */
  | { readonly kind: 'leave_for_person'; readonly missing: readonly ('severity' | 'category' | 'owningTeam')[] };

export type TriageDisposition =
  | { readonly kind: 'no_action'; readonly reason: string }
  | { readonly kind: 'return_to_customer'; readonly reason: string; readonly downgradeTo: Severity | null };

export interface RuleResult {
  readonly ruleId: string;
  /** `decided`: the first match, the rule in force; `matched`: it would have matched, but an earlier rule won. */
  readonly outcome: 'decided' | 'matched' | 'missed';
  /** Why it matched (its conditions as they held) or the first condition that did not. */
  readonly reason: string;
}

export interface TriageEvaluation {
  readonly decision: TriageDecision;
  /** The deciding rule; `null` only when no rule matched (a rule set without a default rule). */
  readonly ruleId: string | null;
  readonly ruleSetVersion: number | null;
  /** The deciding rule's reason, then each condition that made it match. */
  readonly reasons: readonly string[];
  /** Every rule, in order. */
  readonly ruleResults: readonly RuleResult[];
}

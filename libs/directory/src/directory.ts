/**
 * The directory: the facts the lifecycle services need and that no incident carries (DESIGN.md "The directory").
 * One YAML file is the source (config/directory.example.yaml); parseDirectory turns it into this shape.
 */
export const SUBSCRIPTIONS = ['infrastructure', 'application'] as const;
export type Subscription = (typeof SUBSCRIPTIONS)[number];

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CONTACT_KINDS = ['email', 'webhook', 'phone', 'pagerduty'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

export interface Money {
  readonly amount: number;
  readonly currency: string;
}

/** An item of a directory list: referred to by its id, shown by its name. */
export interface NamedItem {
  readonly id: string;
  readonly name: string;
}

export interface CustomerContact {
  readonly name: string;
  readonly email: string;
  /** May approve remediations that change the monthly cost beyond the customer's threshold. */
  readonly approvesCostChanges: boolean;
}

export interface Customer extends NamedItem {
  readonly subscriptions: readonly Subscription[];
  readonly contacts: readonly CustomerContact[];
  /** A resize changing the monthly cost by more than this needs a contact's approval first. */
  readonly approvalThresholdPerMonth: Money;
  readonly preApprovedHoursPerMonth: number;
  /** E-mail addresses told about availability incidents (alerts are internal otherwise). */
  readonly availabilityNotifications: readonly string[];
  /**
   * Webhook URLs (the customer's status page, chat) told the same as `availabilityNotifications`, as signed JSON
   * POSTs. Optional, added with issue 16's communication cadence: older files leave it out.
   */
  readonly availabilityWebhooks?: readonly string[];
}

export interface Team extends NamedItem {
  readonly members: readonly string[];
  /** The policy that pages for the team's incidents; absent: the policy whose id is the team's. */
  readonly escalationPolicy?: string;
  /** The only people a drill of the team's incidents pages (members or not); absent: a drill pages nobody. */
  readonly drillParticipants?: readonly string[];
  /** Issue 17: the person who signs off the team's post-incident reviews as technical lead. */
  readonly techLead?: string;
  /** Issue 17: the person who signs off the team's post-incident reviews as project manager. */
  readonly projectManager?: string;
}

/**
 * `phone` is delivered through a webhook (an SMS/voice gateway), so it names a URL too. `pagerduty` names the
 * Events v2 routing key of the PagerDuty service that pages the person (libs/notify's PagerDutyChannel).
 */
export interface ContactMethod {
  readonly kind: ContactKind;
  readonly address: string;
}

export interface Person extends NamedItem {
  readonly contactMethods: readonly ContactMethod[];
}

export interface Service {
  readonly id: string;
  readonly customer: string;
  readonly ownerTeam: string;
  readonly runbook: string;
  readonly autoscale: {
    readonly minSize: number;
    readonly maxSize: number;
    readonly maxMonthlyCostStep: Money;
  };
}

export interface ScheduleLayer {
  readonly name: string;
  /** Rotation length in days. */
  readonly rotationDays: number;
  /** Local time of day (HH:mm) in the schedule's zone when the next person takes over. */
  readonly handOffTime: string;
  /** The first hand-off: an ISO date (yyyy-MM-dd) in the schedule's zone. */
  readonly startsOn: string;
  readonly members: readonly string[];
}

export interface ScheduleOverride {
  readonly person: string;
  readonly from: string;
  readonly until: string;
}

export interface Schedule extends NamedItem {
  /** An IANA zone (Europe/Berlin): hand-off times follow its daylight-saving changes. */
  readonly timeZone: string;
  readonly layers: readonly ScheduleLayer[];
  readonly overrides: readonly ScheduleOverride[];
}

export interface EscalationTarget {
  readonly kind: 'schedule' | 'person' | 'team';
  readonly id: string;
}

export interface EscalationLevel {
  /** Minutes without acknowledgement before the next level is paged. */
  /** May be a fraction (0.05 is 3 s): short waits for drills and tests. */
  readonly delayMinutes: number;
  readonly targets: readonly EscalationTarget[];
}

export interface EscalationPolicy extends NamedItem {
  readonly levels: readonly EscalationLevel[];
  /** How many times the whole policy starts over when the last level goes unanswered. */
  readonly repeats: number;
}

export interface SlaTarget {
  readonly acknowledgeWithinMinutes: number;
  readonly resolveWithinMinutes: number;
  readonly customerUpdateEveryMinutes: number;
}

export interface MaintenanceWindow {
  readonly id: string;
  readonly customer: string;
  readonly services: readonly string[];
  readonly from: string;
  readonly until: string;
  readonly reason: string;
}

export interface Directory {
  readonly customers: readonly Customer[];
  readonly teams: readonly Team[];
  readonly people: readonly Person[];
  readonly services: readonly Service[];
  readonly schedules: readonly Schedule[];
  readonly escalationPolicies: readonly EscalationPolicy[];
  readonly sla: Readonly<Record<Severity, SlaTarget>>;
  readonly maintenanceWindows: readonly MaintenanceWindow[];
}

/** The directory's lists of items with ids (everything but the SLA table), in the file's order. */
export const DIRECTORY_SECTIONS = [
  'customers',
  'teams',
  'people',
  'services',
  'schedules',
  'escalationPolicies',
  'maintenanceWindows',
] as const satisfies readonly Exclude<keyof Directory, 'sla'>[];
export type DirectorySection = (typeof DIRECTORY_SECTIONS)[number];

import type { IncidentCategory, Severity } from '@incident/domain';

/** The staff roles that may waive a required review (libs/platform's roles, repeated here: a lib does not import it). */
export const REVIEW_WAIVER_ROLES = ['responder', 'admin'] as const;
export type ReviewWaiverRole = (typeof REVIEW_WAIVER_ROLES)[number];

/** When a rule holds: every condition given must hold (an absent condition holds). */
export interface ReviewConditions {
  readonly severity?: readonly Severity[];
  readonly category?: readonly IncidentCategory[];
  /** At least one SLA breached in any response cycle of the incident. */
  readonly slaBreached?: boolean;
  /** Reopened at least this many times. */
  readonly reopenedAtLeast?: number;
  /** A responder asked for a review: the incident carries the policy's flag label. */
  readonly flaggedByResponder?: boolean;
}

export interface ReviewRule {
  readonly id: string;
  readonly reason: string;
  readonly when: ReviewConditions;
  /** The review is due this many days after resolution. */
  readonly dueWithinDays: number;
  /** Who may waive it; empty: nobody, the review must be held. */
  readonly waivableBy: readonly ReviewWaiverRole[];
  /** Issue 17: tell the customer when the review is published (absent: no). Never for a drill. */
  readonly notifyCustomer?: boolean;
  /**
   * Issue 17: publishing leaves the incident in review until its last action item is completed, then the
   * review service closes it (absent: publishing closes it).
   */
  readonly closeWhenActionItemsDone?: boolean;
}

/**
 * Which resolved incidents require a post-incident review. The first rule that holds decides; none holding
 * means no review, and the incident is closed. Drills always get a drill review of their own terms.
 */
export interface ReviewPolicy {
  /** The applied version this policy is (0 for a file not yet applied). */
  readonly version: number;
  /** The label a responder sets (to `true`) on an incident that must be reviewed whatever the rules say. */
  readonly responderFlagLabel: string;
  readonly rules: readonly ReviewRule[];
  readonly drills: {
    readonly dueWithinDays: number;
    readonly waivableBy: readonly ReviewWaiverRole[];
    /** As a rule's: a drill's action items may have to be done before it is closed. */
    readonly closeWhenActionItemsDone?: boolean;
  };
  /** Action items' reminders (issue 17); absent: the review service's defaults. */
  readonly actionItems?: ActionItemReminderTerms;
}

/**
 * When an action item's owner is reminded: each offset (`2d`, `1h`, `30m`, `45s`) before the item's due time is
 * one reminder step; the overdue notice to the owner's team at the due time is always sent.
 */
export interface ActionItemReminderTerms {
  readonly remindBefore?: readonly string[];
}

/** `<whole number><unit>`, unit s, m, h or d. */
export const REMINDER_OFFSET = /^([1-9]\d{0,5})([smhd])$/;

import type { ReviewConditions, ReviewPolicy, ReviewRule, ReviewWaiverRole } from '@incident/directory';
import type { IsoTimestamp } from '@incident/domain';
import type { ReviewFacts } from './review-facts';

export interface ReviewNeed {
  readonly required: boolean;
  /** `drill` for a drill review, the deciding rule's id and reason, or why none is needed. */
  readonly ruleId: string | null;
  readonly reason: string;
  /** When the review is due; `null` when none is required. */
  readonly dueAt: IsoTimestamp | null;
  readonly waivableBy: readonly ReviewWaiverRole[];
  readonly drill: boolean;
  readonly policyVersion: number;
  /** Tell the customer when the review is published; never for a drill. */
  readonly notifyCustomer: boolean;
  /** Publishing leaves the incident in review until its last action item is completed. */
  readonly closeWhenActionItemsDone: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const plusDays = (at: IsoTimestamp, days: number): IsoTimestamp =>
  new Date(new Date(at).getTime() + days * DAY_MS).toISOString();

const NO_EXTRAS = { notifyCustomer: false, closeWhenActionItemsDone: false } as const;

const FLAG_VALUES = new Set(['true', 'yes', '1']);

function holds(when: ReviewConditions, facts: ReviewFacts, flagLabel: string): boolean {
  const flagged = FLAG_VALUES.has((facts.labels[flagLabel] ?? '').toLowerCase());
  return (
    (when.severity === undefined || (facts.severity !== null && when.severity.includes(facts.severity))) &&
    (when.category === undefined || (facts.category !== null && when.category.includes(facts.category))) &&
    (when.slaBreached === undefined || when.slaBreached === facts.slaBreached) &&
    (when.reopenedAtLeast === undefined || facts.reopenCount >= when.reopenedAtLeast) &&
    (when.flaggedByResponder === undefined || when.flaggedByResponder === flagged)
  );
}

/**
 * Pure: whether a resolved incident needs a post-incident review under the policy, why, by when, and who may
 * waive it. The first rule that holds decides; a drill always gets a drill review on the policy's drill terms.
 * The due time counts from the resolution, not from when the event was consumed.
 */
export function reviewNeeded(facts: ReviewFacts, policy: ReviewPolicy): ReviewNeed {
  const policyVersion = policy.version;
  if (facts.drill) {
    const { dueWithinDays, waivableBy } = policy.drills;
    return {
      required: true,
      ruleId: 'drill',
      reason: 'drill review',
      dueAt: plusDays(facts.resolvedAt, dueWithinDays),
      waivableBy,
      drill: true,
      policyVersion,
      notifyCustomer: false,
      closeWhenActionItemsDone: policy.drills.closeWhenActionItemsDone ?? false,
    };
  }
  const rule: ReviewRule | undefined = policy.rules.find((r) => holds(r.when, facts, policy.responderFlagLabel));
  if (!rule) {
    const reason = 'no review rule holds';
    return {
      required: false,
      ruleId: null,
      reason,
      dueAt: null,
      waivableBy: [],
      drill: false,
      policyVersion,
      ...NO_EXTRAS,
    };
  }
  return {
    required: true,
    ruleId: rule.id,
    reason: rule.reason,
    dueAt: plusDays(facts.resolvedAt, rule.dueWithinDays),
    waivableBy: rule.waivableBy,
    drill: false,
    policyVersion,
    notifyCustomer: rule.notifyCustomer ?? false,
    closeWhenActionItemsDone: rule.closeWhenActionItemsDone ?? false,
  };
}

/** Before any policy is applied the domain's default holds: every resolution asks for a review. */
export function reviewNeededWithoutPolicy(facts: ReviewFacts): ReviewNeed {
  const policy: ReviewPolicy = {
    version: 0,
    responderFlagLabel: '',
    rules: [],
    drills: { dueWithinDays: 7, waivableBy: ['admin'] },
  };
  if (facts.drill) return reviewNeeded(facts, policy);
  return {
    required: true,
    ruleId: null,
    reason: 'no review policy is applied: every resolved incident is reviewed',
    dueAt: plusDays(facts.resolvedAt, 7),
    waivableBy: ['admin'],
    drill: false,
    policyVersion: 0,
    ...NO_EXTRAS,
  };
}

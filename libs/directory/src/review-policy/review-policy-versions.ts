import type { EventStore } from '@incident/event-store';
import {
  type ConfigApplyOutcome,
  type ConfigKind,
  type ConfigVersion,
  ConfigVersions,
} from '../versions/config-versions';
import { parseReviewPolicy } from './parse-review-policy';
import type { ReviewPolicy } from './review-policy';

/** The one stream every applied review policy lives in (as `triage-rules` holds the triage rules'). */
export const REVIEW_POLICY_STREAM = 'review-policy';

export interface ReviewPolicySummary {
  readonly rules: number;
}

export type ReviewPolicyVersion = ConfigVersion<ReviewPolicySummary>;
export type ReviewPolicyApplyOutcome = ConfigApplyOutcome<ReviewPolicySummary>;

const REVIEW_POLICY_KIND: ConfigKind<ReviewPolicy, ReviewPolicySummary> = {
  stream: REVIEW_POLICY_STREAM,
  eventType: 'ReviewPolicyApplied',
  command: 'ApplyReviewPolicy',
  parse: (text, fileName) => {
    const parsed = parseReviewPolicy(text, fileName);
    return 'errors' in parsed ? parsed : { value: parsed.policy };
  },
  summarize: (policy) => ({ rules: policy.rules.length }),
};

/** Review policies over the event store: apply a file, the version in force now or at a past moment. */
export class ReviewPolicyVersions extends ConfigVersions<ReviewPolicy, ReviewPolicySummary> {
  constructor(store: EventStore) {
    super(store, REVIEW_POLICY_KIND);
  }

  /** The policy of a recorded version, carrying its version number (recorded in every decision it makes). */
  override valueOf(version: ReviewPolicyVersion): ReviewPolicy {
    return { ...super.valueOf(version), version: version.version };
  }
}

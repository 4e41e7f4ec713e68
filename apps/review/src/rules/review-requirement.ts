import { Inject, Injectable } from '@nestjs/common';
import type { IncidentEvent } from '@incident/domain';
import type { RecordedEvent } from '@incident/event-store';
import { ReviewPolicySource } from '../review-policy.source';
import { reviewFactsOf } from './review-facts';
import { type ReviewNeed, reviewNeeded, reviewNeededWithoutPolicy } from './review-needed';

/**
 * The policy's decision for an incident's last resolution, with the version in force when it was recorded.
 * The decision is not stored: the policy is versioned and the rule pure, so reading it again gives the answer
 * the consumer acted on, and what publication then does (tell the customer, wait for the action items) follows
 * the same version.
 */
@Injectable()
export class ReviewRequirement {
  constructor(@Inject(ReviewPolicySource) private readonly policy: ReviewPolicySource) {}

  /** `null` while the incident was never resolved. */
  async of(history: readonly RecordedEvent[]): Promise<ReviewNeed | null> {
    const resolution = history.findLast((event) => event.type === 'IncidentResolved');
    if (!resolution) return null;
    const facts = reviewFactsOf(
      history as unknown as IncidentEvent[],
      (resolution.data as { resolvedAt: string }).resolvedAt,
    );
    const version = await this.policy.versions.versionAt(new Date(resolution.metadata.recordedAt));
    return version ? reviewNeeded(facts, this.policy.versions.valueOf(version)) : reviewNeededWithoutPolicy(facts);
  }
}

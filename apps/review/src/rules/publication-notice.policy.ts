import type { IncidentState, IsoTimestamp, NotifyCustomer } from '@incident/domain';
import type { ReviewNeed } from './review-needed';

/** Who the review service is in CustomerNotified: its delivery reacts only to its own notices. */
export const REVIEW_NOTICE_CHANNEL = 'email';

/**
 * Pure: the customer is told of a published review when the policy's rule says so, never for a drill. The
 * notice is recorded first (CustomerNotified, while the incident is still in review), then delivered by the
 * service's reaction to it; `[]` when it is not in review with a published review.
 */
export function publicationNotice(
  state: IncidentState,
  need: ReviewNeed | null,
  summary: string,
  actorId: string,
  at: IsoTimestamp,
): NotifyCustomer[] {
  if (state.status !== 'in_review' || state.reviewPublishedAt === null) return [];
  if (state.drill || need === null || !need.notifyCustomer) return [];
  const message = `The post-incident review of "${state.title}" (${state.service}) is published. ${summary}`;
  return [
    {
      type: 'NotifyCustomer',
      data: {
        incidentId: state.incidentId,
        channel: REVIEW_NOTICE_CHANNEL,
        message,
        notifiedBy: actorId,
        notifiedAt: at,
      },
    },
  ];
}

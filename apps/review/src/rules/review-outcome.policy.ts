import type { CloseIncident, IncidentState, IsoTimestamp, StartReview, WaiveReview } from '@incident/domain';
import type { ReviewNeed } from './review-needed';

export type ReviewOutcomeCommand = StartReview | WaiveReview | CloseIncident;

/**
 * Pure: what the review service does on a resolution. A review needed: start it (the incident goes to
 * `in_review`). None needed: close the incident, first waiving the review the resolution asked for by default
 * (the domain refuses to close a `resolved` incident that still requires one). `[]` when the incident is no
 * longer `resolved`: a person started or waived the review, closed or reopened it since.
 */
export function reviewOutcomeCommands(
  state: IncidentState,
  need: ReviewNeed,
  actorId: string,
  at: IsoTimestamp,
): ReviewOutcomeCommand[] {
  if (state.status !== 'resolved') return [];
  const { incidentId } = state;
  if (need.required) return [{ type: 'StartReview', data: { incidentId, startedBy: actorId, startedAt: at } }];
  const note = `review policy v${need.policyVersion}: ${need.reason}`;
  const close: CloseIncident = { type: 'CloseIncident', data: { incidentId, closedBy: actorId, note, closedAt: at } };
  if (!state.reviewRequired) return [close];
  return [{ type: 'WaiveReview', data: { incidentId, reason: note, waivedBy: actorId, waivedAt: at } }, close];
}

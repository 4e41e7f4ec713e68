import type { CloseIncident, IncidentState, IsoTimestamp } from '@incident/domain';

/**
 * Pure: a published review closes the incident. `[]` when it is not in review with a published review any more
 * (closed already, by a person or an earlier delivery of the same event).
 */
export function closeAfterPublication(state: IncidentState, actorId: string, at: IsoTimestamp): CloseIncident[] {
  if (state.status !== 'in_review' || state.reviewPublishedAt === null) return [];
  const note = 'the review is published';
  return [{ type: 'CloseIncident', data: { incidentId: state.incidentId, closedBy: actorId, note, closedAt: at } }];
}

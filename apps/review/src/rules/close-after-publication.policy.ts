import type { CloseIncident, IncidentState, IsoTimestamp } from '@incident/domain';

/**
 * Pure: a published review closes the incident; when the policy says the action items must be done first,
 * only once the last of them is completed (`closeWhenActionItemsDone`). `[]` when it is not in review with a
 * published review any more (closed already, by a person or an earlier delivery), or items are still open.
 */
export function closeAfterPublication(
  state: IncidentState,
  closeWhenActionItemsDone: boolean,
  actorId: string,
  at: IsoTimestamp,
): CloseIncident[] {
  if (state.status !== 'in_review' || state.reviewPublishedAt === null) return [];
  const open = state.actionItems.filter((item) => item.completedAt === null).length;
  if (closeWhenActionItemsDone && open > 0) return [];
  const note =
    closeWhenActionItemsDone && state.actionItems.length > 0
      ? 'the review is published and its action items are done'
      : 'the review is published';
  return [{ type: 'CloseIncident', data: { incidentId: state.incidentId, closedBy: actorId, note, closedAt: at } }];
}

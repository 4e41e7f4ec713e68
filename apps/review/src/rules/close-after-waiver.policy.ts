import type { CloseIncident, IncidentState, IsoTimestamp } from '@incident/domain';

/** What the rule reads of the history: each event's id and type. */
export interface HistoryEntry {
  readonly id: string;
  readonly type: string;
}

/** The events after which a waiver no longer speaks for the incident's current cycle. */
const CYCLE_EVENTS = new Set(['ReviewWaived', 'IncidentResolved', 'IncidentReopened']);

/**
 * Pure: a waived review closes the incident, whether it was waived before the review started (`resolved`) or in
 * review. `[]` when it is closed already (by a person, an earlier delivery, or the review service itself, which
 * waives and closes in one go when the policy asks for no review), when a review is required again, or when
 * this waiver is not the incident's latest word: a reopen or a new resolution since belongs to another cycle.
 */
export function closeAfterWaiver(
  state: IncidentState,
  history: readonly HistoryEntry[],
  waiver: { readonly id: string; readonly reason: string },
  actorId: string,
  at: IsoTimestamp,
): CloseIncident[] {
  if (state.status !== 'resolved' && state.status !== 'in_review') return [];
  if (state.reviewRequired !== false) return [];
  if (history.findLast((entry) => CYCLE_EVENTS.has(entry.type))?.id !== waiver.id) return [];
  const note = `the review was waived: ${waiver.reason}`;
  return [{ type: 'CloseIncident', data: { incidentId: state.incidentId, closedBy: actorId, note, closedAt: at } }];
}

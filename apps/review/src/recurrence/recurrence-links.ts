import type { IncidentState, IsoTimestamp, LinkIncident } from '@incident/domain';

/** How far back a recurrence is looked for, from the opening of the incident under review. */
export const RECURRENCE_WINDOW_DAYS = 30;

export interface EarlierIncident {
  readonly incidentId: string;
  readonly service: string;
  readonly dedupKey: string;
  readonly openedAt: IsoTimestamp;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The window the candidates are looked for in: the 30 days before this incident was opened. */
export function recurrenceWindow(openedAt: IsoTimestamp): { from: IsoTimestamp; to: IsoTimestamp } {
  return { from: new Date(Date.parse(openedAt) - RECURRENCE_WINDOW_DAYS * DAY_MS).toISOString(), to: openedAt };
}

/**
 * Pure: the recurrence links to record when a review opens: each earlier incident of the same service or dedup
 * key in the window, once (one already linked as a recurrence, by a person or an earlier delivery, is left
 * out), with a note saying what they share.
 */
export function recurrenceLinks(
  state: IncidentState,
  candidates: readonly EarlierIncident[],
  actorId: string,
  at: IsoTimestamp,
): LinkIncident[] {
  if (state.status === 'initial') return [];
  const { incidentId, service, dedupKey, openedAt } = state;
  const from = Date.parse(recurrenceWindow(openedAt).from);
  const to = Date.parse(openedAt);
  return candidates
    .filter((other) => other.incidentId !== incidentId)
    .filter((other) => Date.parse(other.openedAt) >= from && Date.parse(other.openedAt) <= to)
    .filter((other) => other.service === service || other.dedupKey === dedupKey)
    .filter(
      (other) => !state.links.some((l) => l.linkedIncidentId === other.incidentId && l.relation === 'recurrence_of'),
    )
    .map((other) => {
      const shared = [
        ...(other.dedupKey === dedupKey ? [`dedup key ${dedupKey}`] : []),
        ...(other.service === service ? [`service ${service}`] : []),
      ].join(' and ');
      return {
        type: 'LinkIncident',
        data: {
          incidentId,
          linkedIncidentId: other.incidentId,
          relation: 'recurrence_of',
          note: `same ${shared}, opened ${other.openedAt}`,
          linkedBy: actorId,
          linkedAt: at,
        },
      };
    });
}

import { type IncidentCommand, type IncidentEvent, incidentDecider, type IncidentState } from '@incident/domain';
import { urgentResponse } from '../test-support/review-history';
import { closeAfterWaiver, type HistoryEntry } from './close-after-waiver.policy';

const ID = '3f1d9a0e-0000-4000-8000-0000000000a1';
const AT = '2026-11-22T07:00:00.000Z';
const REASON = 'a planned failover, reviewed with the change';

/** The state and the history (ids `e<n>` in order) after the commands. */
const after = (commands: readonly IncidentCommand[]): { state: IncidentState; history: HistoryEntry[] } => {
  let state = incidentDecider.initialState();
  const history: HistoryEntry[] = [];
  for (const command of commands) {
    const events: IncidentEvent[] = incidentDecider.decide(command, state);
    for (const event of events) history.push({ id: `e${history.length}`, type: event.type });
    state = events.reduce(incidentDecider.evolve, state);
  }
  return { state, history };
};
const waiverOf = (history: readonly HistoryEntry[]) => ({
  id: history.findLast((entry) => entry.type === 'ReviewWaived')?.id ?? 'none',
  reason: REASON,
});
const startReview: IncidentCommand = {
  type: 'StartReview',
  data: { incidentId: ID, startedBy: 'review', startedAt: AT },
};
const waive: IncidentCommand = {
  type: 'WaiveReview',
  data: { incidentId: ID, reason: REASON, waivedBy: 'carol', waivedAt: AT },
};
const close: IncidentCommand = {
  type: 'CloseIncident',
  data: { incidentId: ID, closedBy: 'review', note: 'n', closedAt: AT },
};

describe('closeAfterWaiver', () => {
  describe('when a review in progress was waived', () => {
    it('closes the incident with the reason, and the decider accepts it', () => {
      const { state, history } = after([...urgentResponse(ID), startReview, waive]);
      const commands = closeAfterWaiver(state, history, waiverOf(history), 'review', AT);

      expect(commands).toEqual([
        {
          type: 'CloseIncident',
          data: { incidentId: ID, closedBy: 'review', note: `the review was waived: ${REASON}`, closedAt: AT },
        },
      ]);
      expect(incidentDecider.decide(commands[0] as IncidentCommand, state)).toMatchObject([{ type: 'IncidentClosed' }]);
    });
  });

  describe('when waived before the review started', () => {
    it('closes the resolved incident', () => {
      const { state, history } = after([...urgentResponse(ID), waive]);

      expect(closeAfterWaiver(state, history, waiverOf(history), 'review', AT)).toMatchObject([
        { type: 'CloseIncident' },
      ]);
    });
  });

  describe('when already closed (a redelivery, or the service waived and closed in one go)', () => {
    it('closes nothing', () => {
      const { state, history } = after([...urgentResponse(ID), startReview, waive, close]);

      expect(closeAfterWaiver(state, history, waiverOf(history), 'review', AT)).toEqual([]);
    });
  });

  describe('when a later cycle followed the waiver', () => {
    it('closes nothing on the old waiver', () => {
      const { state, history } = after([...urgentResponse(ID), waive]);
      const resolvedAgain = [...history, { id: 'later', type: 'IncidentResolved' }];

      expect(closeAfterWaiver(state, resolvedAgain, waiverOf(history), 'review', AT)).toEqual([]);
    });
  });

  describe('when the review still stands', () => {
    it('closes nothing', () => {
      const { state, history } = after([...urgentResponse(ID), startReview]);
      // Even were the resolution mistaken for a waiver, the review is still required.
      const resolution = {
        id: history.findLast((entry) => entry.type === 'IncidentResolved')?.id ?? '',
        reason: REASON,
      };

      expect(closeAfterWaiver(state, history, resolution, 'review', AT)).toEqual([]);
    });
  });
});

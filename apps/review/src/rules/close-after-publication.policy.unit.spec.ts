import { type IncidentCommand, incidentDecider, type IncidentState } from '@incident/domain';
import { urgentResponse } from '../test-support/review-history';
import { closeAfterPublication } from './close-after-publication.policy';

const ID = '3f1d9a0e-0000-4000-8000-000000000099';
const AT = '2026-11-22T07:00:00.000Z';

const stateAfter = (commands: readonly IncidentCommand[]): IncidentState =>
  commands.reduce(
    (state, command) => incidentDecider.decide(command, state).reduce(incidentDecider.evolve, state),
    incidentDecider.initialState(),
  );
const inReview: IncidentCommand[] = [
  ...urgentResponse(ID),
  { type: 'StartReview', data: { incidentId: ID, startedBy: 'review', startedAt: AT } },
  {
    type: 'RecordRootCause',
    data: { incidentId: ID, whys: ['a'], rootCause: 'b', recordedBy: 'alice', recordedAt: AT },
  },
];
const publish: IncidentCommand = {
  type: 'PublishReview',
  data: { incidentId: ID, summary: 's', publishedBy: 'carol', publishedAt: AT },
};

describe('closeAfterPublication', () => {
  describe('when the review is published', () => {
    it('closes the incident, and the decider accepts it', () => {
      const state = stateAfter([...inReview, publish]);
      const commands = closeAfterPublication(state, 'review', AT);

      expect(commands).toEqual([
        {
          type: 'CloseIncident',
          data: { incidentId: ID, closedBy: 'review', note: 'the review is published', closedAt: AT },
        },
      ]);
      expect(stateAfter([...inReview, publish, ...commands]).status).toBe('closed');
    });
  });

  describe('when still unpublished, or already closed', () => {
    it('does nothing', () => {
      const closed = stateAfter([
        ...inReview,
        publish,
        ...closeAfterPublication(stateAfter([...inReview, publish]), 'review', AT),
      ]);

      expect(closeAfterPublication(stateAfter(inReview), 'review', AT)).toEqual([]);
      expect(closeAfterPublication(closed, 'review', AT)).toEqual([]);
    });
  });
});

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
const item = (actionItemId: string): IncidentCommand => ({
  type: 'AddActionItem',
  data: { incidentId: ID, actionItemId, kind: 'patch', title: 't', owner: 'bob', dueDate: '2026-12-01', addedAt: AT },
});
const complete = (actionItemId: string): IncidentCommand => ({
  type: 'CompleteActionItem',
  data: { incidentId: ID, actionItemId, evidence: 'e', completedBy: 'bob', completedAt: AT },
});
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
      const commands = closeAfterPublication(state, false, 'review', AT);

      expect(commands).toEqual([
        {
          type: 'CloseIncident',
          data: { incidentId: ID, closedBy: 'review', note: 'the review is published', closedAt: AT },
        },
      ]);
      expect(stateAfter([...inReview, publish, ...commands]).status).toBe('closed');
    });

    it('closes with action items still open when the policy does not wait for them', () => {
      expect(closeAfterPublication(stateAfter([...inReview, item('a'), publish]), false, 'review', AT)).toHaveLength(1);
    });
  });

  describe('when published and the policy waits for the action items', () => {
    const published = [...inReview, item('a'), item('b'), publish];

    it('leaves the incident in review while an item is open', () => {
      expect(closeAfterPublication(stateAfter(published), true, 'review', AT)).toEqual([]);
      expect(closeAfterPublication(stateAfter([...published, complete('a')]), true, 'review', AT)).toEqual([]);
    });

    it('closes it once the last item is completed', () => {
      const commands = closeAfterPublication(
        stateAfter([...published, complete('a'), complete('b')]),
        true,
        'review',
        AT,
      );

      expect(commands).toMatchObject([
        { type: 'CloseIncident', data: { note: 'the review is published and its action items are done' } },
      ]);
      expect(stateAfter([...published, complete('a'), complete('b'), ...commands]).status).toBe('closed');
    });

    it('closes a review without action items at once', () => {
      expect(closeAfterPublication(stateAfter([...inReview, publish]), true, 'review', AT)).toHaveLength(1);
    });
  });

  describe('when still unpublished, or already closed', () => {
    it('does nothing', () => {
      const closed = stateAfter([
        ...inReview,
        publish,
        ...closeAfterPublication(stateAfter([...inReview, publish]), false, 'review', AT),
      ]);

      expect(closeAfterPublication(stateAfter(inReview), false, 'review', AT)).toEqual([]);
      expect(closeAfterPublication(closed, false, 'review', AT)).toEqual([]);
      expect(closeAfterPublication(stateAfter([...inReview, item('a')]), true, 'review', AT)).toEqual([]);
    });
  });
});

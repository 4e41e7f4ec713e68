import {
  DeciderSpecification,
  INCIDENT_ID as incidentId,
  at,
  command,
  decided,
  events,
  historyIn,
} from '../testing-support';
import { IllegalTransitionError } from './incident-errors';
import type { IncidentEvent } from './incident-events';
import { incidentDecider } from './incident-decider';
import { isReviewWaived } from './incident-state';

const given = DeciderSpecification.for(incidentDecider);

const waived: IncidentEvent = {
  type: 'ReviewWaived',
  data: { incidentId, reason: 'a flapping alert, nothing to learn', waivedBy: 'carol', waivedAt: at(60) },
};

describe('waiving a required review (issue 17)', () => {
  describe('when in review, unpublished', () => {
    it('waives it with the reason and who, keeping the status', () => {
      const state = given(historyIn('in_review', { rootCause: true, actionItem: true }))
        .when(command('WaiveReview'))
        .then([waived]);

      expect(state).toMatchObject({ status: 'in_review', reviewRequired: false, reviewPublishedAt: null });
      expect(isReviewWaived(state)).toBe(true);
    });

    it('is closed without a publication once waived', () => {
      const state = given(historyIn('in_review', { reviewWaived: true }))
        .when(command('CloseIncident'))
        .then([decided.closed()]);

      expect(state).toMatchObject({ status: 'closed', reviewPublishedAt: null });
    });

    it('is still not closed unpublished while the review stands', () => {
      const error = given(historyIn('in_review', { rootCause: true }))
        .when(command('CloseIncident'))
        .thenThrows(IllegalTransitionError, { status: 'in_review' });

      expect(error.reason).toBe('the review has not been published');
    });

    it.each(['PublishReview', 'SignOffReview', 'AddActionItem'] as const)(
      'refuses %s once the review was waived',
      (type) => {
        const error = given(historyIn('in_review', { rootCause: true, reviewWaived: true }))
          .when(command(type))
          .thenThrows(IllegalTransitionError, { status: 'in_review' });

        expect(error.reason).toBe('the review was waived');
      },
    );

    it('still completes an action item of the waived review', () => {
      given(historyIn('in_review', { actionItem: true, reviewWaived: true }))
        .when(command('CompleteActionItem'))
        .then([
          {
            type: 'ActionItemCompleted',
            data: { incidentId, actionItemId: 'ai-1', evidence: null, completedBy: 'dave', completedAt: at(60) },
          },
        ]);
    });

    it('refuses to waive it twice', () => {
      const error = given(historyIn('in_review', { reviewWaived: true }))
        .when(command('WaiveReview'))
        .thenThrows(IllegalTransitionError, { status: 'in_review' });

      expect(error.reason).toBe('no review is required');
    });
  });

  describe('when in review, published', () => {
    it('refuses to waive a published review', () => {
      const error = given(historyIn('in_review', { published: true }))
        .when(command('WaiveReview'))
        .thenThrows(IllegalTransitionError, { status: 'in_review' });

      expect(error.reason).toBe('the review is already published');
    });
  });

  describe('when a review was started on a resolution that asked for none', () => {
    const history = historyIn('in_review').map((event) =>
      event.type === 'IncidentResolved' ? { ...event, data: { ...event.data, reviewRequired: false } } : event,
    );

    it('counts the started review as required: closing waits for its publication', () => {
      const error = given(history).when(command('CloseIncident')).thenThrows(IllegalTransitionError);

      expect(error.reason).toBe('the review has not been published');
    });

    it('lets it be waived', () => {
      given(history).when(command('WaiveReview')).then([waived]);
    });
  });

  describe('when closed', () => {
    it('refuses a waiver', () => {
      given(historyIn('closed')).when(command('WaiveReview')).thenThrows(IllegalTransitionError, { status: 'closed' });
    });
  });

  describe('when resolved, the review not started', () => {
    it('waives it as before, the status kept', () => {
      const state = given([...historyIn('resolved'), events.rootCauseRecorded()])
        .when(command('WaiveReview'))
        .then([waived]);

      expect(state).toMatchObject({ status: 'resolved', reviewRequired: false });
      expect(isReviewWaived(state)).toBe(false);
    });
  });
});

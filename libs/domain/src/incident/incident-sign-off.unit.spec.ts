import { DeciderSpecification, INCIDENT_ID as incidentId, at, command, events, historyIn } from '../testing-support';
import { IllegalTransitionError, IncidentValidationError } from './incident-errors';
import type { IncidentEvent } from './incident-events';
import { incidentDecider } from './incident-decider';

const given = DeciderSpecification.for(incidentDecider);

const signedOff = (role: 'technical_lead' | 'project_manager', by: string): IncidentEvent => ({
  type: 'ReviewSignedOff',
  data: { incidentId, role, signedOffBy: by, signedOffAt: at(60) },
});
const bothSignedOff = [signedOff('technical_lead', 'alice'), signedOff('project_manager', 'carol')];
const BOTH = ['technical_lead', 'project_manager'] as const;

describe('review sign-off (issue 17)', () => {
  describe('when in review with a root cause', () => {
    it('records the technical lead’s sign-off', () => {
      const state = given(historyIn('in_review', { rootCause: true }))
        .when(command('SignOffReview'))
        .then([signedOff('technical_lead', 'alice')]);

      expect(state).toMatchObject({
        status: 'in_review',
        reviewSignOffs: [{ role: 'technical_lead', signedOffBy: 'alice', signedOffAt: at(60) }],
      });
    });

    it('refuses a second sign-off in the same role, naming who holds it', () => {
      const error = given([...historyIn('in_review', { rootCause: true }), signedOff('technical_lead', 'alice')])
        .when(command('SignOffReview', { signedOffBy: 'bob' }))
        .thenThrows(IllegalTransitionError, { status: 'in_review' });

      expect(error.reason).toBe('the technical lead (alice) has already signed off');
    });

    it('refuses publication lacking a required sign-off, naming each missing role', () => {
      const history = [...historyIn('in_review', { rootCause: true }), signedOff('project_manager', 'carol')];

      const error = given(history)
        .when(command('PublishReview', { requiredSignOffs: BOTH }))
        .thenThrows(IllegalTransitionError, { status: 'in_review' });
      const none = given(historyIn('in_review', { rootCause: true }))
        .when(command('PublishReview', { requiredSignOffs: BOTH }))
        .thenThrows(IllegalTransitionError);

      expect(error.reason).toBe('the review lacks the sign-off of technical lead');
      expect(none.reason).toBe('the review lacks the sign-off of technical lead and project manager');
    });

    it('publishes once both roles signed off, with the hashes of the Markdown and of the page', () => {
      const markdown = 'a'.repeat(64);
      const page = 'b'.repeat(64);

      given([...historyIn('in_review', { rootCause: true }), ...bothSignedOff])
        .when(command('PublishReview', { requiredSignOffs: BOTH, renderedSha256: markdown, renderedHtmlSha256: page }))
        .then([
          {
            type: 'ReviewPublished',
            data: {
              incidentId,
              summary: 'memory exhaustion in checkout',
              renderedSha256: markdown,
              renderedHtmlSha256: page,
              publishedBy: 'carol',
              publishedAt: at(60),
            },
          },
        ]);
    });

    it('withdraws the sign-offs when the analysis or the action items change after them', () => {
      const signed = [...historyIn('in_review', { rootCause: true }), ...bothSignedOff];

      given([...signed, events.rootCauseRecorded()])
        .when(command('PublishReview', { requiredSignOffs: BOTH }))
        .thenThrows(IllegalTransitionError);
      const state = given([...signed, events.actionItemAdded()])
        .when(command('SignOffReview'))
        .then([signedOff('technical_lead', 'alice')]);

      expect(state).toMatchObject({ reviewSignOffs: [{ role: 'technical_lead' }] });
    });

    it('refuses a role that is not one of the two', () => {
      given(historyIn('in_review', { rootCause: true }))
        .when(command('SignOffReview', { role: 'ceo' as never }))
        .thenThrows(IncidentValidationError, { field: 'role' });
    });
  });

  describe('when in review without a root cause', () => {
    it('has nothing to approve yet', () => {
      const error = given(historyIn('in_review')).when(command('SignOffReview')).thenThrows(IllegalTransitionError);

      expect(error.reason).toBe('no root cause has been recorded to approve');
    });
  });

  describe('when published', () => {
    it('takes no more sign-offs', () => {
      given(historyIn('in_review', { rootCause: true, published: true }))
        .when(command('SignOffReview'))
        .thenThrows(IllegalTransitionError, { reason: 'the review is already published' });
    });
  });

  describe.each(['resolved', 'closed'] as const)('when %s', (status) => {
    it('is not in review: no sign-off', () => {
      given(historyIn(status)).when(command('SignOffReview')).thenThrows(IllegalTransitionError, { status });
    });
  });
});

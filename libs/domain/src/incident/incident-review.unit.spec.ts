import { DeciderSpecification, INCIDENT_ID as incidentId, at, command, events, historyIn } from '../testing-support';
import { IllegalTransitionError, IncidentValidationError } from './incident-errors';
import { incidentDecider, replayIncident } from './incident-decider';

import type { IncidentEvent, IncidentEventOf } from './incident-events';

const given = DeciderSpecification.for(incidentDecider);

const fiveWhys: IncidentEventOf<'RootCauseRecorded'> = {
  type: 'RootCauseRecorded',
  data: {
    incidentId,
    technique: '5_whys',
    whys: ['the pods ran out of memory', 'a cache grew without bound'],
    rootCause: 'no size limit on the session cache',
    contributingFactors: [],
    evidenceLinks: [],
    fixTerm: null,
    recordedBy: 'carol',
    recordedAt: at(60),
  },
};

describe('post-incident review', () => {
  describe.each(['acknowledged', 'mitigated', 'resolved', 'in_review'] as const)('when %s', (status) => {
    it('records a root cause with 5 Whys by default', () => {
      const state = given(historyIn(status)).when(command('RecordRootCause')).then([fiveWhys]);
      expect(state).toMatchObject({
        status,
        rootCause: { technique: '5_whys', whys: fiveWhys.data.whys, rootCause: 'no size limit on the session cache' },
      });
    });
  });

  describe('when resolved', () => {
    it('records a root cause found with another technique, without whys', () => {
      given(historyIn('resolved'))
        .when(command('RecordRootCause', { technique: 'fishbone', whys: [] }))
        .then([{ type: 'RootCauseRecorded', data: { ...fiveWhys.data, technique: 'fishbone', whys: [] } }]);
    });

    it('replaces an earlier root cause in the state', () => {
      const state = given([...historyIn('resolved'), events.rootCauseRecorded()])
        .when(command('RecordRootCause'))
        .then([fiveWhys]);
      expect(state).toMatchObject({ rootCause: { whys: fiveWhys.data.whys, recordedAt: at(60) } });
    });

    it.each(['AddActionItem', 'PublishReview'] as const)('cannot %s before the review starts', (type) => {
      given(historyIn('resolved')).when(command(type)).thenThrows(IllegalTransitionError, { status: 'resolved' });
    });
  });

  describe('when resolved, the responders’ part of issue 17', () => {
    it('records contributing factors, evidence links and whether the fix holds', () => {
      const recorded = {
        contributingFactors: ['no load test of the cache'],
        evidenceLinks: ['https://grafana.example.com/d/checkout'],
        fixTerm: 'short_term' as const,
      };
      given(historyIn('resolved'))
        .when(command('RecordRootCause', recorded))
        .then([{ type: 'RootCauseRecorded', data: { ...fiveWhys.data, ...recorded } }]);
    });

    it('refuses evidence that is not a link', () => {
      given(historyIn('resolved'))
        .when(command('RecordRootCause', { evidenceLinks: ['see the logs'] }))
        .thenThrows(IncidentValidationError, { field: 'evidenceLinks[0]' });
    });
  });

  describe('when in_review, with a ticket and evidence', () => {
    it('links the action item’s ticket', () => {
      const ticketUrl = 'https://tickets.example.com/OPS-17';
      const [added] = incidentDecider.decide(
        command('AddActionItem', { ticketUrl }),
        replayIncident(historyIn('in_review')),
      );

      expect(added).toMatchObject({ type: 'ActionItemAdded', data: { ticketUrl } });
    });

    it('records the completion’s evidence', () => {
      const evidence = 'https://git.example.com/pr/42';
      const state = replayIncident([...historyIn('in_review'), events.actionItemAdded()]);
      const [completed] = incidentDecider.decide(command('CompleteActionItem', { evidence }), state);

      expect(completed).toMatchObject({ type: 'ActionItemCompleted', data: { evidence } });
    });
  });

  describe('when in_review', () => {
    const history = historyIn('in_review');

    it.each(['long_term_fix', 'preventive', 'automation', 'patch'] as const)('adds a %s action item', (kind) => {
      const state = given(history)
        .when(command('AddActionItem', { kind }))
        .then([
          {
            type: 'ActionItemAdded',
            data: {
              incidentId,
              actionItemId: 'ai-2',
              kind,
              title: 'alert on cache size',
              owner: 'dave',
              dueDate: '2025-03-15',
              ticketUrl: null,
              addedAt: at(60),
            },
          },
        ]);
      expect(state).toMatchObject({ actionItems: [{ actionItemId: 'ai-2', kind, owner: 'dave', completedAt: null }] });
    });

    it('refuses a second action item with the same id', () => {
      given([...history, events.actionItemAdded()])
        .when(command('AddActionItem', { actionItemId: 'ai-1' }))
        .thenThrows(IllegalTransitionError, { reason: 'action item ai-1 already exists' });
    });

    it('completes an action item', () => {
      const state = given([...history, events.actionItemAdded()])
        .when(command('CompleteActionItem'))
        .then([
          {
            type: 'ActionItemCompleted',
            data: { incidentId, actionItemId: 'ai-1', evidence: null, completedBy: 'dave', completedAt: at(60) },
          },
        ]);
      expect(state).toMatchObject({ actionItems: [{ actionItemId: 'ai-1', completedAt: at(60) }] });
    });

    it('refuses to complete an action item never added', () => {
      given(history).when(command('CompleteActionItem')).thenThrows(IllegalTransitionError, {
        message: 'cannot CompleteActionItem: incident is in_review (action item ai-1 was never added)',
      });
    });

    it('does not publish without a root cause', () => {
      given(history)
        .when(command('PublishReview'))
        .thenThrows(IllegalTransitionError, { reason: 'no root cause has been recorded' });
    });

    it('publishes the review', () => {
      const state = given(historyIn('in_review', { rootCause: true }))
        .when(command('PublishReview'))
        .then([
          {
            type: 'ReviewPublished',
            data: {
              incidentId,
              summary: 'memory exhaustion in checkout',
              renderedSha256: null,
              renderedHtmlSha256: null,
              publishedBy: 'carol',
              publishedAt: at(60),
            },
          },
        ]);
      expect(state).toMatchObject({ status: 'in_review', reviewPublishedAt: at(60) });
    });

    it('records the rendered review’s sha256, and refuses one that is not a digest', () => {
      const state = replayIncident(historyIn('in_review', { rootCause: true }));
      const renderedSha256 = 'ab'.repeat(32);
      const [published] = incidentDecider.decide(command('PublishReview', { renderedSha256 }), state);

      expect(published).toMatchObject({ type: 'ReviewPublished', data: { renderedSha256 } });
      expect(() => incidentDecider.decide(command('PublishReview', { renderedSha256: 'AB12' }), state)).toThrow(
        'renderedSha256 must be a sha256 in lower-case hex',
      );
    });

    it('publishes only once', () => {
      given(historyIn('in_review', { published: true }))
        .when(command('PublishReview'))
        .thenThrows(IllegalTransitionError, { reason: 'the review is already published' });
    });

    it('cannot start the review again', () => {
      given(history).when(command('StartReview')).thenThrows(IllegalTransitionError, { status: 'in_review' });
    });
  });

  describe('when closed', () => {
    const history = historyIn('closed');

    it('still completes an open action item: long-term fixes outlive the incident', () => {
      const state = given(history)
        .when(command('CompleteActionItem', { completedAt: at(60 * 24 * 14) }))
        .then([
          {
            type: 'ActionItemCompleted',
            data: {
              incidentId,
              actionItemId: 'ai-1',
              evidence: null,
              completedBy: 'dave',
              completedAt: at(60 * 24 * 14),
            },
          },
        ]);
      expect(state.status).toBe('closed');
    });

    it('does not complete it twice', () => {
      const completed: IncidentEvent = {
        type: 'ActionItemCompleted',
        data: { incidentId, actionItemId: 'ai-1', evidence: null, completedBy: 'dave', completedAt: at(40) },
      };
      given([...history, completed])
        .when(command('CompleteActionItem'))
        .thenThrows(IllegalTransitionError, { reason: 'action item ai-1 is already completed' });
    });

    it.each(['AddActionItem', 'RecordRootCause', 'PublishReview'] as const)('refuses %s', (type) => {
      given(history)
        .when(command(type))
        .thenThrows(IllegalTransitionError, { message: `cannot ${type}: incident is closed` });
    });
  });
});

import { type IncidentCommand, incidentDecider, type IncidentEvent } from '@incident/domain';
import { urgentResponse } from '../test-support/review-history';
import { buildReviewDocument } from './build-review-document';

const ID = '3f1d9a0e-0000-4000-8000-000000000017';

/** The events the real decider makes of the commands, as the store would hold them. */
function eventsOf(commands: readonly IncidentCommand[]): IncidentEvent[] {
  let state = incidentDecider.initialState();
  const events: IncidentEvent[] = [];
  for (const command of commands) {
    for (const event of incidentDecider.decide(command, state)) {
      events.push(event);
      state = incidentDecider.evolve(state, event);
    }
  }
  return events;
}

describe('buildReviewDocument', () => {
  describe('given an urgent outage resolved after 90 minutes, with an escalation for help', () => {
    const document = buildReviewDocument(eventsOf(urgentResponse(ID)));

    it('tells the timeline in the order things happened, each step with who did it', () => {
      expect(document.timeline.map((entry) => [entry.at.slice(11, 16), entry.kind, entry.by])).toEqual([
        ['04:00', 'detection', 'alertmanager'],
        ['04:01', 'triage', 'infrastructure'],
        ['04:05', 'sla_breach', null],
        ['04:10', 'escalation', null],
        ['04:12', 'acknowledgement', 'alice'],
        ['04:20', 'escalation', 'alice'],
        ['04:25', 'containment', 'alice'],
        ['04:26', 'customer_update', 'alice'],
        ['04:30', 'remediation', 'alice'],
        ['04:35', 'remediation', 'alice'],
        ['04:40', 'mitigation', 'alice'],
        ['05:30', 'resolution', 'alice'],
      ]);
    });

    it('says why help was needed at each escalation', () => {
      expect(document.escalations.map(({ toLevel, reason, why }) => ({ toLevel, reason, why }))).toEqual([
        { toLevel: 2, reason: 'timeout', why: 'nobody acknowledged in time' },
        { toLevel: 3, reason: 'asked_for_help', why: 'needs a DBA' },
      ]);
    });

    it('measures the impact: duration, time to acknowledge, customers, SLA breaches', () => {
      expect(document.impact).toEqual({
        openedAt: '2026-11-22T04:00:00.000Z',
        acknowledgedAt: '2026-11-22T04:12:00.000Z',
        resolvedAt: '2026-11-22T05:30:00.000Z',
        durationMinutes: 90,
        timeToAcknowledgeMinutes: 12,
        customers: ['acme'],
        services: ['acme-api'],
        slaBreaches: [{ sla: 'acknowledgement', targetMinutes: 5, breachedAt: '2026-11-22T04:05:00.000Z' }],
        reopenCount: 0,
      });
    });

    it('adds up the time logged by kind', () => {
      expect(document.timeLogged).toMatchObject({ totalMinutes: 60, byKind: { corrective: 60, preventive: 0 } });
    });

    it('holds no responders’ part yet', () => {
      expect(document).toMatchObject({ severity: 'urgent', owningTeam: 'customer-success', rootCause: null });
      expect(document.actionItems).toEqual([]);
    });
  });

  describe('given a review with a root cause and an item completed', () => {
    it('shows the analysis and the item with its completion', () => {
      const at = '2026-11-22T06:00:00.000Z';
      const events = eventsOf([
        ...urgentResponse(ID),
        { type: 'StartReview', data: { incidentId: ID, startedBy: 'review', startedAt: at } },
        {
          type: 'RecordRootCause',
          data: {
            incidentId: ID,
            whys: ['disk full', 'no alert on disk'],
            rootCause: 'no disk alert',
            recordedBy: 'alice',
            recordedAt: at,
          },
        },
        {
          type: 'AddActionItem',
          data: {
            incidentId: ID,
            actionItemId: 'a-1',
            kind: 'preventive',
            title: 'disk alert',
            owner: 'bob',
            dueDate: '2026-12-01',
            addedAt: at,
          },
        },
        {
          type: 'CompleteActionItem',
          data: { incidentId: ID, actionItemId: 'a-1', completedBy: 'bob', completedAt: at },
        },
      ]);

      const document = buildReviewDocument(events);

      expect(document.rootCause).toMatchObject({ technique: '5_whys', whys: ['disk full', 'no alert on disk'] });
      expect(document.actionItems).toEqual([
        {
          actionItemId: 'a-1',
          kind: 'preventive',
          title: 'disk alert',
          owner: 'bob',
          dueDate: '2026-12-01',
          ticketUrl: null,
          addedAt: at,
          completedAt: at,
          completedBy: 'bob',
          evidence: null,
        },
      ]);
      expect(document.reviewStartedAt).toBe(at);
    });
  });

  it('refuses a history that does not begin with the opening', () => {
    const withoutOpening = eventsOf(urgentResponse(ID)).slice(1);

    expect(() => buildReviewDocument(withoutOpening)).toThrow('must begin with IncidentOpened');
  });
});

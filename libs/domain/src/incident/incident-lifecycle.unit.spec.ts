import { DeciderSpecification, INCIDENT_ID as incidentId, at, command, events, historyIn } from '../testing-support';
import { decided } from '../testing-support/decided-events';
import { IllegalTransitionError } from './incident-errors';
import { incidentDecider, replayIncident } from './incident-decider';

const given = DeciderSpecification.for(incidentDecider);

describe('incident lifecycle', () => {
  describe('when initial', () => {
    it('opens the incident from an alert, optional fields made explicit', () => {
      const state = given([])
        .when(command('OpenIncident', { category: undefined, labels: undefined, alertId: undefined }))
        .then([
          {
            type: 'IncidentOpened',
            data: {
              incidentId,
              dedupKey: 'checkout-api/HighErrorRate',
              source: 'alertmanager',
              customerId: 'acme',
              service: 'checkout-api',
              title: 'Checkout API is down',
              openedAt: at(0),
              category: null,
              severity: null,
              labels: {},
              drill: false,
              alertId: null,
            },
          },
        ]);
      expect(state).toMatchObject({ status: 'triggered', alertCount: 1, lastAlertAt: at(0), escalationLevel: 1 });
    });

    it('opens a drill and carries the flag', () => {
      const state = given([])
        .when(command('OpenIncident', { drill: true }))
        .then([events.opened(true)]);
      expect(state).toMatchObject({ status: 'triggered', drill: true });
    });

    it('says the incident has not been opened', () => {
      given([]).when(command('AcknowledgeIncident')).thenThrows(IllegalTransitionError, {
        message: 'cannot AcknowledgeIncident: incident is initial (it has not been opened)',
        commandType: 'AcknowledgeIncident',
        status: 'initial',
      });
    });
  });

  describe('when triggered', () => {
    const history = historyIn('triggered');

    it('refuses to open it twice', () => {
      given(history).when(command('OpenIncident')).thenThrows(IllegalTransitionError, { status: 'triggered' });
    });

    it('correlates a further alert', () => {
      const state = given(history).when(command('CorrelateAlert')).then([decided.alertCorrelated()]);
      expect(state).toMatchObject({ status: 'triggered', alertCount: 2, lastAlertAt: at(60) });
    });

    it('keeps the latest time an alert was seen when alerts arrive out of order', () => {
      const late = decided.alertCorrelated({ alertId: null });
      const state = given([...history, late])
        .when(command('CorrelateAlert', { receivedAt: at(30) }))
        .then([decided.alertCorrelated({ alertCount: 3, receivedAt: at(30) })]);
      expect(state).toMatchObject({ alertCount: 3, lastAlertAt: at(60) });
    });

    it('is resolved by the source when every alert cleared (autoResolve defaults to always)', () => {
      const state = given(history)
        .when(command('ResolveAlertAtSource'))
        .then([
          decided.alertResolvedAtSource(),
          decided.resolved({
            cause: 'source',
            resolvedBy: 'alertmanager',
            summary: 'every alert resolved at the source',
          }),
        ]);
      expect(state).toMatchObject({ status: 'resolved', resolvedAt: at(60) });
    });

    it('stays triggered while some alerts still fire', () => {
      const state = given(history)
        .when(command('ResolveAlertAtSource', { allAlertsResolved: false, alertId: undefined }))
        .then([decided.alertResolvedAtSource({ alertId: null, allAlertsResolved: false })]);
      expect(state.status).toBe('triggered');
    });

    it('is triaged', () => {
      const state = given(history)
        .when(command('TriageIncident', { preApprovedMinutes: undefined }))
        .then([decided.triaged({ preApprovedMinutes: null })]);
      expect(state).toMatchObject({
        status: 'triaged',
        severity: 'urgent',
        owningTeam: 'infrastructure',
        triageRuleId: 'rule-availability',
      });
    });

    it('is acknowledged by the paged responder before triage', () => {
      const state = given(history).when(command('AcknowledgeIncident')).then([decided.acknowledged()]);
      expect(state).toMatchObject({ status: 'acknowledged', assignee: 'bob', acknowledgedAt: at(60), severity: null });
    });

    it.each(['MarkIncidentNoAction', 'ReturnIncidentToCustomer', 'MitigateIncident'] as const)(
      'cannot %s before triage or acknowledgement',
      (type) => {
        given(history)
          .when(command(type))
          .thenThrows(IllegalTransitionError, { message: `cannot ${type}: incident is triggered` });
      },
    );
  });

  describe('when triaged', () => {
    const history = historyIn('triaged');

    it('is reclassified, not triaged again', () => {
      const state = given(history)
        .when(command('TriageIncident', { severity: 'normal', ruleId: 'rule-2' }))
        .then([decided.reclassified({ severity: 'normal', ruleId: 'rule-2' })]);
      expect(state).toMatchObject({ status: 'triaged', severity: 'normal', triageRuleId: 'rule-2' });
    });

    it('is marked as needing no action', () => {
      const state = given(history).when(command('MarkIncidentNoAction')).then([decided.markedNoAction()]);
      expect(state).toMatchObject({ status: 'no_action', disposition: { kind: 'no_action', decidedAt: at(60) } });
    });

    it('is returned to the customer and downgraded', () => {
      const state = given(history).when(command('ReturnIncidentToCustomer')).then([decided.returnedToCustomer()]);
      expect(state).toMatchObject({ status: 'returned_to_customer', severity: 'low' });
    });

    it('is returned to the customer without a downgrade', () => {
      const state = given(history)
        .when(command('ReturnIncidentToCustomer', { downgradeTo: undefined }))
        .then([decided.returnedToCustomer({ downgradedTo: null })]);
      expect(state).toMatchObject({ status: 'returned_to_customer', severity: 'high' });
    });

    it.each(['high', 'urgent'] as const)('refuses a "downgrade" to %s', (downgradeTo) => {
      given(history)
        .when(command('ReturnIncidentToCustomer', { downgradeTo }))
        .thenThrows(IllegalTransitionError, { reason: `${downgradeTo} is not a downgrade from high` });
    });

    it('is acknowledged', () => {
      const state = given(history).when(command('AcknowledgeIncident')).then([decided.acknowledged()]);
      expect(state).toMatchObject({ status: 'acknowledged', assignee: 'bob', severity: 'high' });
    });

    it('only records a source resolution when the integration says never', () => {
      const state = given(history)
        .when(command('ResolveAlertAtSource', { autoResolve: 'never' }))
        .then([decided.alertResolvedAtSource()]);
      expect(state.status).toBe('triaged');
    });
  });

  describe('when acknowledged', () => {
    const history = historyIn('acknowledged');

    it('cannot be acknowledged again before an escalation', () => {
      given(history).when(command('AcknowledgeIncident')).thenThrows(IllegalTransitionError, {
        message:
          'cannot AcknowledgeIncident: incident is acknowledged (it has not been escalated since it was acknowledged)',
      });
    });

    it('is mitigated', () => {
      const state = given(history).when(command('MitigateIncident')).then([decided.mitigated()]);
      expect(state).toMatchObject({ status: 'mitigated', mitigatedAt: at(60), assignee: 'alice' });
    });

    it('is triaged after acknowledgement without leaving acknowledged', () => {
      const acknowledgedFirst = [events.opened(), decided.acknowledged({ acknowledgedAt: at(2) })];
      const state = given(acknowledgedFirst).when(command('TriageIncident')).then([decided.reclassified()]);
      expect(state).toMatchObject({ status: 'acknowledged', severity: 'urgent', preApprovedMinutes: 480 });
    });

    it('keeps correlating alerts', () => {
      const state = given(history).when(command('CorrelateAlert')).then([decided.alertCorrelated()]);
      expect(state.status).toBe('acknowledged');
    });
  });

  describe('when mitigated', () => {
    const history = historyIn('mitigated');

    it('is resolved by a responder', () => {
      const state = given(history).when(command('ResolveIncident')).then([decided.resolved()]);
      expect(state).toMatchObject({ status: 'resolved', resolvedAt: at(60), mitigatedAt: at(10) });
    });

    it('cannot be mitigated twice', () => {
      given(history).when(command('MitigateIncident')).thenThrows(IllegalTransitionError, { status: 'mitigated' });
    });
  });

  describe('when resolved', () => {
    const history = historyIn('resolved');

    it('is reopened by a firing alert within the window', () => {
      const state = given(history)
        .when(command('ReopenIncident', { reopenedAt: at(80) }))
        .then([decided.reopened({ reopenedAt: at(80) })]);
      expect(state).toMatchObject({
        status: 'triggered',
        reopenCount: 1,
        alertCount: 2,
        lastAlertAt: at(80),
        assignee: null,
        acknowledgedAt: null,
        mitigatedAt: null,
        resolvedAt: null,
        escalationLevel: 1,
        severity: 'high',
      });
    });

    it('is not reopened once the window has passed', () => {
      given(history)
        .when(command('ReopenIncident', { reopenedAt: at(81) }))
        .thenThrows(IllegalTransitionError, {
          message: `cannot ReopenIncident: incident is resolved (the reopen window of 60 minutes after ${at(20)} has passed)`,
        });
    });

    it('may be reopened with a zero window only at the very moment of resolution', () => {
      given(history)
        .when(command('ReopenIncident', { reopenWindowMinutes: 0, reopenedAt: at(20) }))
        .then([decided.reopened({ reopenedAt: at(20) })]);
    });

    it('is reopened after the source resolved it, and goes through triage again', () => {
      const bySource = replayIncident([
        events.opened(),
        ...incidentDecider.decide(
          command('ResolveAlertAtSource', { resolvedAt: at(5) }),
          replayIncident([events.opened()]),
        ),
      ]);
      expect(bySource.status).toBe('resolved');
      const reopened = incidentDecider
        .decide(command('ReopenIncident', { reopenedAt: at(30) }), bySource)
        .reduce(incidentDecider.evolve, bySource);
      expect(reopened.status).toBe('triggered');
      const triaged = incidentDecider.decide(command('TriageIncident'), reopened);
      expect(triaged.map((e) => e.type)).toEqual(['IncidentTriaged']);
    });

    it('starts the review', () => {
      const state = given(history)
        .when(command('StartReview'))
        .then([{ type: 'ReviewStarted', data: { incidentId, startedBy: 'carol', startedAt: at(60) } }]);
      expect(state).toMatchObject({ status: 'in_review', reviewStartedAt: at(60) });
    });

    it('does not correlate alerts: a firing alert reopens instead', () => {
      given(history)
        .when(command('CorrelateAlert'))
        .thenThrows(IllegalTransitionError, { message: 'cannot CorrelateAlert: incident is resolved' });
    });
  });

  describe('when in_review', () => {
    it('is closed once the review is published', () => {
      const state = given(historyIn('in_review', { published: true }))
        .when(command('CloseIncident', { note: 'all good' }))
        .then([decided.closed({ note: 'all good' })]);
      expect(state).toMatchObject({ status: 'closed', closedAt: at(60) });
    });

    it('is not closed before the review is published', () => {
      given(historyIn('in_review', { rootCause: true }))
        .when(command('CloseIncident'))
        .thenThrows(IllegalTransitionError, {
          message: 'cannot CloseIncident: incident is in_review (the review has not been published)',
        });
    });
  });

  describe('when closed', () => {
    const history = historyIn('closed');

    it.each(['AcknowledgeIncident', 'CorrelateAlert', 'ReopenIncident', 'CloseIncident', 'PostStatusUpdate'] as const)(
      'refuses %s, naming the status',
      (type) => {
        given(history)
          .when(command(type))
          .thenThrows(IllegalTransitionError, { message: `cannot ${type}: incident is closed`, reason: null });
      },
    );
  });

  describe.each(['no_action', 'returned_to_customer'] as const)('when %s', (status) => {
    const history = historyIn(status);

    it('is closed without a review', () => {
      const state = given(history).when(command('CloseIncident')).then([decided.closed()]);
      expect(state).toMatchObject({ status: 'closed', reviewStartedAt: null });
    });

    it('absorbs the alert that keeps firing without changing status', () => {
      const state = given(history).when(command('CorrelateAlert')).then([decided.alertCorrelated()]);
      expect(state.status).toBe(status);
    });

    it('records the source clearing the alert without resolving', () => {
      const state = given(history).when(command('ResolveAlertAtSource')).then([decided.alertResolvedAtSource()]);
      expect(state.status).toBe(status);
    });

    it.each(['AcknowledgeIncident', 'PageResponder', 'StartReview', 'TriageIncident'] as const)(
      'refuses %s',
      (type) => {
        given(history)
          .when(command(type))
          .thenThrows(IllegalTransitionError, { message: `cannot ${type}: incident is ${status}` });
      },
    );
  });
});

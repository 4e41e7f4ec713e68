import { ACTIVE_STATUSES } from './lifecycle';
import { DeciderSpecification, INCIDENT_ID as incidentId, at, command, events, historyIn } from '../testing-support';
import { decided } from '../testing-support/decided-events';
import { IllegalTransitionError } from './incident-errors';
import { incidentDecider } from './incident-decider';
import type { IncidentEvent } from './incident-events';

const given = DeciderSpecification.for(incidentDecider);

describe('corrective work that does not change the status', () => {
  describe.each(ACTIVE_STATUSES)('when %s', (status) => {
    const history = historyIn(status);

    it('pages a responder at the current escalation level', () => {
      const state = given(history)
        .when(command('PageResponder'))
        .then([
          {
            type: 'ResponderPaged',
            data: {
              incidentId,
              pageId: 'page-1',
              responderId: 'bob',
              channel: 'sms',
              escalationLevel: 1,
              pagedAt: at(60),
            },
          },
        ]);
      expect(state).toMatchObject({ status, pageCount: 1 });
    });

    it('escalates when someone asks for help', () => {
      const state = given(history)
        .when(command('EscalateIncident', { note: 'need a DBA' }))
        .then([decided.escalated({ note: 'need a DBA' })]);
      expect(state).toMatchObject({ status, escalationLevel: 2 });
    });

    it('escalates on a timeout, and not twice to the same level', () => {
      const escalated: IncidentEvent = decided.escalated({ reason: 'timeout', requestedBy: null, escalatedAt: at(15) });
      given(history)
        .when(command('EscalateIncident', { reason: 'timeout', requestedBy: undefined, escalatedAt: at(15) }))
        .then([escalated]);
      given([...history, escalated])
        .when(command('EscalateIncident', { reason: 'timeout', requestedBy: undefined }))
        .thenThrows(IllegalTransitionError, { reason: 'already at escalation level 2' });
    });

    it('records an SLA breach once per SLA', () => {
      const breached: IncidentEvent = {
        type: 'SlaBreached',
        data: { incidentId, sla: 'mitigation', targetMinutes: 30, breachedAt: at(60) },
      };
      const state = given(history).when(command('RecordSlaBreach')).then([breached]);
      expect(state).toMatchObject({ status, slaBreaches: ['mitigation'] });
      given([...history, breached])
        .when(command('RecordSlaBreach'))
        .thenThrows(IllegalTransitionError, { reason: 'the mitigation SLA was already breached' });
      given([...history, breached])
        .when(command('RecordSlaBreach', { sla: 'resolution' }))
        .then([
          { type: 'SlaBreached', data: { incidentId, sla: 'resolution', targetMinutes: 30, breachedAt: at(60) } },
        ]);
    });

    it('applies containment', () => {
      const state = given(history)
        .when(command('ApplyContainment'))
        .then([
          {
            type: 'ContainmentApplied',
            data: {
              incidentId,
              containmentId: 'con-2',
              action: 'redirect_traffic',
              description: 'traffic moved to eu-central-1',
              appliedBy: 'alice',
              appliedAt: at(60),
            },
          },
        ]);
      expect(state).toMatchObject({
        status,
        containments: [{ containmentId: 'con-2', action: 'redirect_traffic', appliedAt: at(60), liftedAt: null }],
      });
    });
  });

  describe.each([...ACTIVE_STATUSES, 'resolved', 'in_review'] as const)('when %s', (status) => {
    it('posts a status update to stakeholders', () => {
      const state = given(historyIn(status)).when(command('PostStatusUpdate')).then([decided.statusUpdatePosted()]);
      expect(state).toMatchObject({ status, lastStatusUpdateAt: at(60) });
    });

    it('counts an update for the customer audience as the customer hearing from us, an internal one not', () => {
      const forCustomer = given(historyIn(status))
        .when(command('PostStatusUpdate'))
        .then([decided.statusUpdatePosted()]);
      const internal = given(historyIn(status))
        .when(command('PostStatusUpdate', { audience: 'internal' }))
        .then([decided.statusUpdatePosted({ audience: 'internal' })]);
      expect([forCustomer, internal]).toMatchObject([{ lastCustomerUpdateAt: at(60) }, { lastCustomerUpdateAt: null }]);
    });
  });

  describe('when the escalation level is already raised', () => {
    it('pages at that level', () => {
      const escalated: IncidentEvent = decided.escalated({
        reason: 'timeout',
        toLevel: 3,
        requestedBy: null,
        escalatedAt: at(5),
      });
      given([...historyIn('acknowledged'), escalated])
        .when(command('PageResponder'))
        .then([
          {
            type: 'ResponderPaged',
            data: {
              incidentId,
              pageId: 'page-1',
              responderId: 'bob',
              channel: 'sms',
              escalationLevel: 3,
              pagedAt: at(60),
            },
          },
        ]);
    });
  });
});

describe('time logged against the pre-approved hours', () => {
  const logged = (minutes: number, totalMinutes: number): IncidentEvent =>
    decided.timeLogged({ minutes, totalMinutes });
  const exceeded = (preApprovedMinutes: number, totalMinutes: number, exceededAt = at(60)): IncidentEvent => ({
    type: 'PreApprovedHoursExceeded',
    data: {
      incidentId,
      customerId: 'acme',
      period: null,
      budgetMinutes: preApprovedMinutes,
      usedMinutes: totalMinutes,
      reason: null,
      exceededAt,
    },
  });

  describe.each([...ACTIVE_STATUSES, 'resolved'] as const)('when %s', (status) => {
    it('adds to the running total', () => {
      const state = given([...historyIn(status), logged(45, 45)])
        .when(command('LogTime', { minutes: 30, note: 'restart and verify' }))
        .then([decided.timeLogged({ minutes: 30, totalMinutes: 75, note: 'restart and verify' })]);
      expect(state).toMatchObject({ status, loggedMinutes: 75, preApprovedHoursExceeded: false });
    });
  });

  describe('when acknowledged with 480 pre-approved minutes', () => {
    const history = historyIn('acknowledged');

    it('does not flag reaching the allowance exactly', () => {
      given([...history, logged(400, 400)])
        .when(command('LogTime', { minutes: 80 }))
        .then([logged(80, 480)]);
    });

    it('flags the entry that goes over it', () => {
      const state = given([...history, logged(400, 400)])
        .when(command('LogTime', { minutes: 81 }))
        .then([logged(81, 481), exceeded(480, 481)]);
      expect(state).toMatchObject({ loggedMinutes: 481, preApprovedHoursExceeded: true });
    });

    it('flags it only once', () => {
      given([...history, logged(481, 481), exceeded(480, 481)])
        .when(command('LogTime', { minutes: 10 }))
        .then([logged(10, 491)]);
    });
  });

  describe('when no allowance is known', () => {
    it('never flags', () => {
      const history = [events.opened(), events.triaged(null), events.acknowledged()];
      given(history)
        .when(command('LogTime', { minutes: 10_000 }))
        .then([logged(10_000, 10_000)]);
    });
  });

  describe('when time was logged before triage brought the allowance', () => {
    it('flags it on triage', () => {
      const history = [events.opened(), decided.acknowledged({ acknowledgedAt: at(2) }), logged(500, 500)];
      const state = given(history)
        .when(command('TriageIncident', { triagedAt: at(70) }))
        .then([decided.reclassified({ triagedAt: at(70) }), exceeded(480, 500, at(70))]);
      expect(state).toMatchObject({ status: 'acknowledged', preApprovedHoursExceeded: true });
    });
  });
});

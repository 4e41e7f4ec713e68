import { DeciderSpecification, INCIDENT_ID as incidentId, at, command, events, historyIn } from '../testing-support';
import { decided } from '../testing-support/decided-events';
import { IllegalTransitionError } from './incident-errors';
import { incidentDecider } from './incident-decider';
import type { IncidentEvent } from './incident-events';

const given = DeciderSpecification.for(incidentDecider);

const lifted: IncidentEvent = {
  type: 'ContainmentLifted',
  data: { incidentId, containmentId: 'con-1', liftedBy: 'alice', reason: 'the fix is deployed', liftedAt: at(60) },
};
const executed: IncidentEvent = {
  type: 'RemediationExecuted',
  data: { incidentId, remediationId: 'rem-1', executedBy: 'remediation', executedAt: at(3) },
};
const mitigatedBy = (achievedBy: { kind: 'remediation' | 'containment'; id: string }): IncidentEvent =>
  decided.mitigated({ achievedBy });

describe('containment', () => {
  describe.each(['acknowledged', 'mitigated', 'resolved'] as const)(
    'when %s with containment con-1 in place',
    (status) => {
      const history = historyIn(status, { containment: true });

      it('is lifted, and the status does not change', () => {
        const state = given(history).when(command('LiftContainment')).then([lifted]);
        expect(state).toMatchObject({ status, containments: [{ containmentId: 'con-1', liftedAt: at(60) }] });
      });

      it('is lifted without a reason', () => {
        given(history)
          .when(command('LiftContainment', { reason: undefined }))
          .then([{ ...lifted, data: { ...lifted.data, reason: null } }]);
      });

      it('is not lifted twice', () => {
        given([...history, lifted])
          .when(command('LiftContainment', { liftedAt: at(61) }))
          .thenThrows(IllegalTransitionError, { reason: `containment con-1 was already lifted at ${at(60)}` });
      });

      it('lifts only what was applied', () => {
        given(history)
          .when(command('LiftContainment', { containmentId: 'con-9' }))
          .thenThrows(IllegalTransitionError, { reason: 'containment con-9 was never applied' });
      });
    },
  );

  it('refuses a containment id applied before', () => {
    given(historyIn('triaged', { containment: true }))
      .when(command('ApplyContainment', { containmentId: 'con-1' }))
      .thenThrows(IllegalTransitionError, { reason: 'containment con-1 was already applied' });
  });

  it('is not lifted once the review started', () => {
    given(historyIn('in_review', { containment: true }))
      .when(command('LiftContainment'))
      .thenThrows(IllegalTransitionError, { message: 'cannot LiftContainment: incident is in_review', reason: null });
  });
});

describe('mitigation names what achieved it', () => {
  const history = historyIn('acknowledged', { containment: true, remediation: 'no_approval' });

  it('names an executed remediation', () => {
    const achievedBy = { kind: 'remediation', id: 'rem-1' } as const;
    const state = given([...history, executed])
      .when(command('MitigateIncident', { achievedBy }))
      .then([mitigatedBy(achievedBy)]);
    expect(state).toMatchObject({ status: 'mitigated', mitigationSource: achievedBy });
  });

  it('names a containment in place', () => {
    const achievedBy = { kind: 'containment', id: 'con-1' } as const;
    const state = given(history)
      .when(command('MitigateIncident', { achievedBy }))
      .then([mitigatedBy(achievedBy)]);
    expect(state).toMatchObject({ status: 'mitigated', mitigationSource: achievedBy });
  });

  it.each([
    [{ kind: 'remediation', id: 'rem-1' }, 'remediation rem-1 is proposed, not executed'],
    [{ kind: 'remediation', id: 'rem-9' }, 'remediation rem-9 was never proposed'],
    [{ kind: 'containment', id: 'con-9' }, 'containment con-9 was never applied'],
  ] as const)('refuses %j: %s', (achievedBy, reason) => {
    given(history).when(command('MitigateIncident', { achievedBy })).thenThrows(IllegalTransitionError, { reason });
  });

  it('refuses a containment that was lifted', () => {
    given([...history, { ...lifted, data: { ...lifted.data, liftedAt: at(5) } }])
      .when(command('MitigateIncident', { achievedBy: { kind: 'containment', id: 'con-1' } }))
      .thenThrows(IllegalTransitionError, { reason: `containment con-1 was lifted at ${at(5)}` });
  });

  it('forgets the source when the incident reopens', () => {
    const reopened = [
      ...historyIn('resolved', { containment: true }).slice(0, -2),
      mitigatedBy({ kind: 'containment', id: 'con-1' }),
      events.resolved(),
    ];
    const state = given(reopened)
      .when(command('ReopenIncident', { reopenedAt: at(70) }))
      .then([decided.reopened({ reopenedAt: at(70) })]);
    expect(state).toMatchObject({
      status: 'triggered',
      mitigationSource: null,
      containments: [{ containmentId: 'con-1' }],
    });
  });
});

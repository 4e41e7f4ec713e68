import { DeciderSpecification, INCIDENT_ID as incidentId, at, command, historyIn } from '../testing-support';
import { IllegalTransitionError } from './incident-errors';
import { incidentDecider } from './incident-decider';
import type { IncidentEvent } from './incident-events';
import { ACTIVE_STATUSES } from './lifecycle';

const given = DeciderSpecification.for(incidentDecider);

const approvalRequested: IncidentEvent = {
  type: 'RemediationApprovalRequested',
  data: { incidentId, remediationId: 'rem-1', requestedFrom: 'customer:acme', requestedAt: at(5) },
};
const approved: IncidentEvent = {
  type: 'RemediationApproved',
  data: { incidentId, remediationId: 'rem-1', approvedBy: 'customer:acme', approvedAt: at(6) },
};
const rejected: IncidentEvent = {
  type: 'RemediationRejected',
  data: { incidentId, remediationId: 'rem-1', rejectedBy: 'customer:acme', reason: 'too costly', rejectedAt: at(6) },
};
const executed: IncidentEvent = {
  type: 'RemediationExecuted',
  data: { incidentId, remediationId: 'rem-1', executedBy: 'remediation', executedAt: at(7) },
};
const failed: IncidentEvent = {
  type: 'RemediationFailed',
  data: { incidentId, remediationId: 'rem-1', reason: 'restart timed out', failedAt: at(7) },
};

describe('remediation', () => {
  describe.each(ACTIVE_STATUSES)('when %s', (status) => {
    it('proposes a remediation', () => {
      const state = given(historyIn(status))
        .when(command('ProposeRemediation'))
        .then([
          {
            type: 'RemediationProposed',
            data: {
              incidentId,
              remediationId: 'rem-2',
              action: 'resize',
              description: 'double the database instance',
              requiresApproval: true,
              monthlyCostDelta: 420,
              proposedBy: 'remediation',
              proposedAt: at(60),
            },
          },
        ]);
      expect(state).toMatchObject({
        status,
        remediations: [{ remediationId: 'rem-2', action: 'resize', requiresApproval: true, status: 'proposed' }],
      });
    });

    it.each([
      'RequestRemediationApproval',
      'ApproveRemediation',
      'RejectRemediation',
      'ExecuteRemediation',
      'RecordRemediationFailure',
    ] as const)('refuses %s for a remediation nobody proposed', (type) => {
      given(historyIn(status))
        .when(command(type))
        .thenThrows(IllegalTransitionError, {
          message: `cannot ${type}: incident is ${status} (remediation rem-1 was never proposed)`,
        });
    });

    it('refuses the same remediation id twice', () => {
      given(historyIn(status, { remediation: 'no_approval' }))
        .when(command('ProposeRemediation', { remediationId: 'rem-1' }))
        .thenThrows(IllegalTransitionError, { reason: 'remediation rem-1 was already proposed' });
    });
  });

  describe('when a cost-changing remediation is proposed', () => {
    const history = historyIn('acknowledged', { remediation: 'requires_approval' });

    it('asks the customer for approval', () => {
      const state = given(history)
        .when(command('RequestRemediationApproval', { requestedAt: at(5) }))
        .then([approvalRequested]);
      expect(state).toMatchObject({ remediations: [{ remediationId: 'rem-1', status: 'approval_requested' }] });
    });

    it.each(['ExecuteRemediation', 'RecordRemediationFailure'] as const)('cannot %s before approval', (type) => {
      given(history)
        .when(command(type))
        .thenThrows(IllegalTransitionError, { reason: 'remediation rem-1 needs approval first' });
      given([...history, approvalRequested])
        .when(command(type))
        .thenThrows(IllegalTransitionError, { reason: 'remediation rem-1 needs approval first' });
    });

    it('may be approved on the spot', () => {
      given(history)
        .when(command('ApproveRemediation', { approvedAt: at(6) }))
        .then([approved]);
    });
  });

  describe('when approval was requested', () => {
    const history = [...historyIn('acknowledged', { remediation: 'requires_approval' }), approvalRequested];

    it('is approved', () => {
      const state = given(history)
        .when(command('ApproveRemediation', { approvedAt: at(6) }))
        .then([approved]);
      expect(state).toMatchObject({ remediations: [{ status: 'approved' }] });
    });

    it('is rejected', () => {
      const state = given(history)
        .when(command('RejectRemediation', { rejectedAt: at(6) }))
        .then([rejected]);
      expect(state).toMatchObject({ remediations: [{ status: 'rejected' }] });
    });

    it('is not requested twice', () => {
      given(history)
        .when(command('RequestRemediationApproval'))
        .thenThrows(IllegalTransitionError, { reason: 'remediation rem-1 is approval_requested' });
    });
  });

  describe('when approved', () => {
    const history = [...historyIn('mitigated', { remediation: 'requires_approval' }), approvalRequested, approved];

    it('is executed', () => {
      const state = given(history)
        .when(command('ExecuteRemediation', { executedAt: at(7) }))
        .then([executed]);
      expect(state).toMatchObject({ status: 'mitigated', remediations: [{ status: 'executed' }] });
    });

    it('fails', () => {
      const state = given(history)
        .when(command('RecordRemediationFailure', { failedAt: at(7) }))
        .then([failed]);
      expect(state).toMatchObject({ remediations: [{ status: 'failed' }] });
    });

    it.each(['ApproveRemediation', 'RejectRemediation'] as const)('cannot %s again', (type) => {
      given(history)
        .when(command(type))
        .thenThrows(IllegalTransitionError, { reason: 'remediation rem-1 is approved' });
    });
  });

  describe('when rejected', () => {
    const history = [...historyIn('acknowledged', { remediation: 'requires_approval' }), rejected];

    it.each(['ApproveRemediation', 'ExecuteRemediation', 'RequestRemediationApproval'] as const)(
      'cannot %s',
      (type) => {
        given(history)
          .when(command(type))
          .thenThrows(IllegalTransitionError, { reason: 'remediation rem-1 is rejected' });
      },
    );
  });

  describe('when no approval is needed (autoscaling within limits)', () => {
    const history = historyIn('triggered', { remediation: 'no_approval' });

    it('is executed straight away', () => {
      given(history)
        .when(command('ExecuteRemediation', { executedAt: at(7) }))
        .then([executed]);
    });

    it('is retried after a failure', () => {
      given([...history, failed])
        .when(command('ExecuteRemediation', { executedAt: at(7) }))
        .then([executed]);
    });

    it('is not executed twice', () => {
      given([...history, executed])
        .when(command('ExecuteRemediation'))
        .thenThrows(IllegalTransitionError, { reason: 'remediation rem-1 is executed' });
    });
  });

  describe('when resolved', () => {
    it('no longer approves a remediation proposed earlier', () => {
      given(historyIn('resolved', { remediation: 'requires_approval' }))
        .when(command('ApproveRemediation'))
        .thenThrows(IllegalTransitionError, {
          message: 'cannot ApproveRemediation: incident is resolved',
          reason: null,
        });
    });
  });
});

import {
  ADMIN,
  APPROVER,
  DeciderSpecification,
  INCIDENT_ID as incidentId,
  at,
  command,
  events,
  historyIn,
} from '../testing-support';
import { decided } from '../testing-support/decided-events';
import { IllegalTransitionError } from './incident-errors';
import { incidentDecider } from './incident-decider';
import type { IncidentCommandType } from './incident-commands';
import type { IncidentEvent } from './incident-events';
import { ACTIVE_STATUSES } from './lifecycle';

const given = DeciderSpecification.for(incidentDecider);

const approvalRequested: IncidentEvent = decided.approvalRequested({ requestedAt: at(5) });
const approved: IncidentEvent = {
  type: 'RemediationApproved',
  data: {
    incidentId,
    remediationId: 'rem-1',
    approvedBy: APPROVER.id,
    onBehalfOf: null,
    onBehalfReason: null,
    approvedAt: at(6),
  },
};
const rejected: IncidentEvent = {
  type: 'RemediationRejected',
  data: {
    incidentId,
    remediationId: 'rem-1',
    rejectedBy: APPROVER.id,
    reason: 'too costly',
    onBehalfOf: null,
    onBehalfReason: null,
    rejectedAt: at(6),
  },
};
/** `decision` as ADMIN takes it for the contact it was asked of, giving `onBehalfReason`. */
const decidedByAdmin = (decision: IncidentEvent, onBehalfReason: string): IncidentEvent => {
  const by = decision.type === 'RemediationApproved' ? 'approvedBy' : 'rejectedBy';
  return {
    ...decision,
    data: { ...decision.data, [by]: ADMIN.id, onBehalfOf: APPROVER.id, onBehalfReason },
  } as IncidentEvent;
};
const executed: IncidentEvent = {
  type: 'RemediationExecuted',
  data: { incidentId, remediationId: 'rem-1', executedBy: 'remediation', executedAt: at(7) },
};
const failed: IncidentEvent = {
  type: 'RemediationFailed',
  data: { incidentId, remediationId: 'rem-1', reason: 'restart timed out', failedAt: at(7) },
};

/** Each of `types` is refused on `history`, rem-1 being `status`. */
const refusesWhileRemediationIs = (
  status: string,
  history: readonly IncidentEvent[],
  types: readonly IncidentCommandType[],
): void =>
  it.each(types)(`cannot %s while rem-1 is ${status}`, (type) => {
    given(history)
      .when(command(type))
      .thenThrows(IllegalTransitionError, { reason: `remediation rem-1 is ${status}` });
  });

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
      'ExpireRemediationApproval',
      'WithdrawRemediationApproval',
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

    it('asks the named customer contact for approval, with the cost change and an expiry', () => {
      const state = given(history)
        .when(command('RequestRemediationApproval', { requestedAt: at(5) }))
        .then([approvalRequested]);
      expect(state).toMatchObject({
        remediations: [
          {
            remediationId: 'rem-1',
            status: 'approval_requested',
            approval: { requestedFrom: APPROVER.id, monthlyCostDelta: 420, currency: 'EUR', validUntil: at(1440) },
          },
        ],
      });
    });

    it.each(['ExecuteRemediation', 'RecordRemediationFailure'] as const)('cannot %s before approval', (type) => {
      given(history)
        .when(command(type))
        .thenThrows(IllegalTransitionError, { reason: 'remediation rem-1 needs approval first' });
      given([...history, approvalRequested])
        .when(command(type))
        .thenThrows(IllegalTransitionError, { reason: 'remediation rem-1 needs approval first' });
    });

    it.each([
      'ApproveRemediation',
      'RejectRemediation',
      'ExpireRemediationApproval',
      'WithdrawRemediationApproval',
    ] as const)('cannot %s before anyone was asked (the request names who decides)', (type) => {
      given(history)
        .when(command(type))
        .thenThrows(IllegalTransitionError, { reason: 'remediation rem-1 has no pending approval request' });
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

    it('is approved by an admin for the contact, with a reason', () => {
      given(history)
        .when(
          command('ApproveRemediation', { by: ADMIN, onBehalfReason: 'the CFO approved by phone', approvedAt: at(6) }),
        )
        .then([decidedByAdmin(approved, 'the CFO approved by phone')]);
    });

    it('is rejected by an admin for the contact, with a reason', () => {
      given(history)
        .when(
          command('RejectRemediation', { by: ADMIN, onBehalfReason: 'the CFO declined by e-mail', rejectedAt: at(6) }),
        )
        .then([decidedByAdmin(rejected, 'the CFO declined by e-mail')]);
    });

    it.each(['ApproveRemediation', 'RejectRemediation'] as const)('refuses %s from anyone else', (type) => {
      given(history)
        .when(command(type, { by: { id: 'mallory', roles: ['responder'] } }))
        .thenThrows(IllegalTransitionError, {
          reason: `mallory may not decide: the approval was requested from ${APPROVER.id}`,
        });
      given(history)
        .when(command(type, { by: { id: 'contact-globex-cfo', roles: ['customer'] }, onBehalfReason: 'because' }))
        .thenThrows(IllegalTransitionError, {
          reason: `contact-globex-cfo may not decide: the approval was requested from ${APPROVER.id}`,
        });
    });

    it.each(['ApproveRemediation', 'RejectRemediation'] as const)(
      'refuses %s from an admin without a reason',
      (type) => {
        given(history)
          .when(command(type, { by: ADMIN }))
          .thenThrows(IllegalTransitionError, { reason: `an admin deciding for ${APPROVER.id} must give a reason` });
      },
    );

    it('refuses a decision after the request expired, even before the timer fired', () => {
      given(history)
        .when(command('ApproveRemediation', { approvedAt: at(24 * 60 + 1) }))
        .thenThrows(IllegalTransitionError, { reason: `the approval request for rem-1 expired at ${at(1440)}` });
      given(history)
        .when(command('ApproveRemediation', { approvedAt: at(24 * 60) }))
        .then([{ ...approved, data: { ...approved.data, approvedAt: at(1440) } }]);
    });

    it('expires when the timer fires at or after its expiry', () => {
      const state = given(history)
        .when(command('ExpireRemediationApproval', { expiredAt: at(24 * 60 + 2) }))
        .then([decided.approvalExpired({ expiredAt: at(1442) })]);
      expect(state).toMatchObject({ status: 'acknowledged', remediations: [{ status: 'expired' }] });
    });

    it('does not expire before its expiry', () => {
      given(history)
        .when(command('ExpireRemediationApproval', { expiredAt: at(24 * 60 - 1) }))
        .thenThrows(IllegalTransitionError, { reason: `the request for rem-1 expires at ${at(1440)}` });
    });

    it('is withdrawn, and may be asked again', () => {
      const withdrawn: IncidentEvent = decided.approvalWithdrawn({ withdrawnAt: at(7) });
      const state = given(history)
        .when(command('WithdrawRemediationApproval', { withdrawnAt: at(7) }))
        .then([withdrawn]);
      expect(state).toMatchObject({ remediations: [{ status: 'proposed', approval: null }] });
      given([...history, withdrawn])
        .when(command('ApproveRemediation'))
        .thenThrows(IllegalTransitionError, { reason: 'remediation rem-1 has no pending approval request' });
      given([...history, withdrawn])
        .when(command('RequestRemediationApproval', { monthlyCostDelta: 210, requestedAt: at(8) }))
        .then([
          { ...approvalRequested, data: { ...approvalRequested.data, monthlyCostDelta: 210, requestedAt: at(8) } },
        ]);
    });

    it('is not requested twice', () => {
      given(history)
        .when(command('RequestRemediationApproval'))
        .thenThrows(IllegalTransitionError, { reason: 'remediation rem-1 is approval_requested' });
    });
  });

  describe('when the request was recorded before it named a cost and an expiry (upcast from v1)', () => {
    const legacy: IncidentEvent = decided.approvalRequested({
      requestedFrom: 'customer:acme',
      monthlyCostDelta: null,
      currency: null,
      validUntil: null,
      requestedAt: at(5),
    });
    const history = [...historyIn('acknowledged', { remediation: 'requires_approval' }), legacy];

    it('is decided by the one it was requested from, at any time', () => {
      given(history)
        .when(command('ApproveRemediation', { by: { id: 'customer:acme', roles: [] }, approvedAt: at(100_000) }))
        .then([{ ...approved, data: { ...approved.data, approvedBy: 'customer:acme', approvedAt: at(100_000) } }]);
    });

    it('never expires', () => {
      given(history)
        .when(command('ExpireRemediationApproval'))
        .thenThrows(IllegalTransitionError, { reason: 'the request for rem-1 has no expiry' });
    });
  });

  describe('when the request expired', () => {
    const expired: IncidentEvent = decided.approvalExpired({ expiredAt: at(1440) });
    const history = [...historyIn('acknowledged', { remediation: 'approval_requested' }), expired];

    refusesWhileRemediationIs('expired', history, [
      'ApproveRemediation',
      'RejectRemediation',
      'ExecuteRemediation',
      'ExpireRemediationApproval',
    ]);

    it('may be asked again', () => {
      given(history)
        .when(command('RequestRemediationApproval', { requestedAt: at(1500), validUntil: at(3000) }))
        .then([
          {
            ...events.approvalRequested(),
            data: { ...events.approvalRequested().data, validUntil: at(3000), requestedAt: at(1500) },
          },
        ]);
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

    refusesWhileRemediationIs('approved', history, ['ApproveRemediation', 'RejectRemediation']);
  });

  describe('when rejected', () => {
    const history = [...historyIn('acknowledged', { remediation: 'requires_approval' }), rejected];

    refusesWhileRemediationIs('rejected', history, [
      'ApproveRemediation',
      'ExecuteRemediation',
      'RequestRemediationApproval',
    ]);
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

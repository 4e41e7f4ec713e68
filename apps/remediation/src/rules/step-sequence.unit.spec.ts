import type { Customer, FailurePolicy, Runbook } from '@incident/directory';
import { fold, type IncidentCommand, incidentDecider, type IncidentEvent, type IncidentState } from '@incident/domain';
import { at, events, INCIDENT_ID } from '@incident/domain/testing';
import { planRemediation } from './plan-remediation';
import type { PlannedRemediation } from './planned-step';
import { proposeCommand } from './proposal-commands';
import { successorsOf, turnOf } from './step-sequence';

/** Restart, then roll back if that did not do it, then a patch: three automated steps in one runbook. */
const runbook = (restartFailure: FailurePolicy): Runbook => ({
  id: 'downtime',
  category: 'availability.downtime',
  steps: [
    {
      id: 'restart',
      kind: 'automated',
      action: 'restart',
      description: 'Restart',
      executor: 'x',
      onFailure: restartFailure,
    },
    { id: 'check', kind: 'manual', description: 'Look at the logs' },
    { id: 'rollback', kind: 'automated', action: 'rollback', description: 'Roll back', executor: 'x' },
    { id: 'patch', kind: 'automated', action: 'patch', description: 'Patch', executor: 'x' },
  ],
});
const CUSTOMER: Customer = {
  id: 'acme',
  name: 'Acme',
  subscriptions: ['infrastructure'],
  contacts: [{ name: 'Dana', email: 'dana@acme.example', approvesCostChanges: true }],
  approvalThresholdPerMonth: { amount: 200, currency: 'EUR' },
  preApprovedHoursPerMonth: 10,
  availabilityNotifications: [],
};
const facts = {
  incidentId: INCIDENT_ID,
  category: 'availability.downtime' as const,
  service: 'acme-api',
  customerId: 'acme',
  labels: {},
  flags: [],
  currentSize: null,
};

/** The runbook planned and proposed on a triaged incident, then `more` commands: the state and history. */
function given(policy: FailurePolicy, more: (ids: string[]) => IncidentCommand[]) {
  const planned = planRemediation(facts, { runbook: runbook(policy), version: 1 }, undefined, CUSTOMER).filter(
    (step): step is PlannedRemediation => step.kind === 'remediation',
  );
  let history: IncidentEvent[] = [events.opened(), events.triaged()];
  let state: IncidentState = fold(incidentDecider, history);
  const ids = planned.map((step) => step.remediationId);
  for (const command of [...planned.map((step) => proposeCommand(INCIDENT_ID, step, at(2))), ...more(ids)]) {
    const next = incidentDecider.decide(command, state);
    history = [...history, ...next];
    state = next.reduce(incidentDecider.evolve, state);
  }
  const turn = (id: string) => turnOf(state, history, id, () => policy);
  return { ids, history, turn };
}
const executed = (remediationId: string): IncidentCommand => ({
  type: 'ExecuteRemediation',
  data: { incidentId: INCIDENT_ID, remediationId, executedBy: 'remediation', executedAt: at(3) },
});
const failed = (remediationId: string): IncidentCommand => ({
  type: 'RecordRemediationFailure',
  data: { incidentId: INCIDENT_ID, remediationId, reason: 'exit 1', failedAt: at(3) },
});

describe('steps in sequence', () => {
  describe('given a runbook of three automated steps, just proposed', () => {
    it('chains each to the one before it, the manual step aside, and only the first may run', () => {
      const { ids, history, turn } = given({ retries: 0, then: 'next' }, () => []);

      expect(ids).toEqual(['downtime.restart', 'downtime.rollback', 'downtime.patch']);
      expect(ids.map(turn)).toEqual(['now', 'waiting', 'waiting']);
      expect(successorsOf(history, 'downtime.restart')).toEqual(['downtime.rollback']);
      expect(successorsOf(history, 'downtime.patch')).toEqual([]);
    });
  });

  describe('when the first step executed', () => {
    it('lets the second run, and the third still waits', () => {
      const { ids, turn } = given({ retries: 0, then: 'next' }, ([first]) => [executed(first!)]);

      expect(ids.map(turn)).toEqual(['now', 'now', 'waiting']);
    });
  });

  describe('when the first step failed', () => {
    it('with a retry left, the second waits', () => {
      const { turn } = given({ retries: 1, then: 'next' }, ([first]) => [failed(first!)]);

      expect(turn('downtime.rollback')).toBe('waiting');
    });

    it('after its last retry with `then: next`, the second runs', () => {
      const { turn } = given({ retries: 1, then: 'next' }, ([first]) => [failed(first!), failed(first!)]);

      expect(turn('downtime.rollback')).toBe('now');
    });

    it.each(['page', 'stop'] as const)('after its last retry with `then: %s`, the rest is halted', (then) => {
      const { turn } = given({ retries: 0, then }, ([first]) => [failed(first!)]);

      expect(turn('downtime.rollback')).toBe('halted');
    });
  });

  describe('given a proposal with no place in a sequence', () => {
    it("a person's proposal runs at once", () => {
      const { history, turn } = given({ retries: 0, then: 'next' }, () => [
        {
          type: 'ProposeRemediation',
          data: {
            incidentId: INCIDENT_ID,
            remediationId: 'by-hand',
            action: 'restart',
            description: 'by hand',
            requiresApproval: false,
            proposedBy: 'carol',
            proposedAt: at(4),
          },
        },
      ]);

      expect(turn('by-hand')).toBe('now');
      expect(successorsOf(history, 'by-hand')).toEqual([]);
    });
  });
});

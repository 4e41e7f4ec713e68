import { DeciderSpecification, at, command, historyIn } from '../testing-support';
import { decided } from '../testing-support/decided-events';
import { IncidentValidationError } from './incident-errors';
import { incidentDecider } from './incident-decider';

const given = DeciderSpecification.for(incidentDecider);

/** Issue 14: a classification says which rule-set version decided, why, the maintenance window and the flags. */
describe('triage classification', () => {
  describe('when triggered', () => {
    const history = historyIn('triggered');

    it('records the rule-set version, the reasons, the maintenance window and the flags the rules decided', () => {
      const state = given(history)
        .when(
          command('TriageIncident', {
            severity: 'low',
            ruleId: 'maintenance-window',
            ruleSetVersion: 7,
            reasons: ['inside a planned maintenance window', 'service checkout-api is in window acme-pg-upgrade'],
            maintenanceWindowId: 'acme-pg-upgrade',
            flags: ['autoscale_within_limits'],
          }),
        )
        .then([
          decided.triaged({
            severity: 'low',
            ruleId: 'maintenance-window',
            ruleSetVersion: 7,
            reasons: ['inside a planned maintenance window', 'service checkout-api is in window acme-pg-upgrade'],
            maintenanceWindowId: 'acme-pg-upgrade',
            flags: ['autoscale_within_limits'],
          }),
        ]);
      expect(state).toMatchObject({ status: 'triaged', maintenanceWindowId: 'acme-pg-upgrade' });
    });

    it('records a person’s triage as decided by no rule-set version, with their reason', () => {
      const state = given(history)
        .when(
          command('TriageIncident', {
            ruleId: 'manual:alice',
            ruleSetVersion: undefined,
            reasons: ['customer called: checkout is down for everyone'],
            flags: undefined,
          }),
        )
        .then([
          decided.triaged({
            ruleId: 'manual:alice',
            ruleSetVersion: null,
            reasons: ['customer called: checkout is down for everyone'],
            flags: [],
          }),
        ]);
      expect(state).toMatchObject({ triageRuleId: 'manual:alice', maintenanceWindowId: null });
    });

    it('refuses a flag it does not know, naming the field', () => {
      given(history)
        .when(command('TriageIncident', { flags: ['page_the_ceo'] as never }))
        .thenThrows(IncidentValidationError, { field: 'flags[0]' });
    });

    it('refuses a rule-set version below 1', () => {
      given(history)
        .when(command('TriageIncident', { ruleSetVersion: 0 }))
        .thenThrows(IncidentValidationError, { field: 'ruleSetVersion' });
    });
  });

  describe('when triaged inside a maintenance window', () => {
    const history = [
      ...historyIn('triggered'),
      decided.triaged({ maintenanceWindowId: 'acme-pg-upgrade', triagedAt: at(1) }),
    ];

    it('leaves the window when a person reclassifies it', () => {
      const state = given(history)
        .when(command('TriageIncident', { ruleId: 'manual:bob', ruleSetVersion: undefined, reasons: ['real outage'] }))
        .then([decided.reclassified({ ruleId: 'manual:bob', ruleSetVersion: null, reasons: ['real outage'] })]);
      expect(state).toMatchObject({ status: 'triaged', maintenanceWindowId: null, triageRuleId: 'manual:bob' });
    });
  });
});

import { incidentDecider, type IncidentOpened } from '@incident/domain';
import { at, events } from '@incident/domain/testing';
import { DEFAULT_TRIAGE_POLICY, triageOpenedIncident, type TriagePolicy } from './triage.policy';

const opened = (overrides: Partial<IncidentOpened['data']> = {}): IncidentOpened['data'] => ({
  ...events.opened().data,
  ...overrides,
});

describe('triageOpenedIncident', () => {
  describe('given an incident opened with a severity and a known category', () => {
    const facts = opened({ severity: 'urgent', category: 'availability.downtime' });

    it('triages it to the category’s team, naming the rule', () => {
      expect(triageOpenedIncident(facts, 'triggered', DEFAULT_TRIAGE_POLICY, at(1))).toEqual({
        type: 'TriageIncident',
        data: {
          incidentId: facts.incidentId,
          severity: 'urgent',
          category: 'availability.downtime',
          owningTeam: 'infrastructure',
          ruleId: 'triage.owning-team.v1',
          triagedAt: at(1),
        },
      });
    });

    it('issues a command the incident accepts: it becomes triaged', () => {
      const command = triageOpenedIncident(facts, 'triggered', DEFAULT_TRIAGE_POLICY, at(1))!;
      const state = incidentDecider.evolve(incidentDecider.initialState(), { type: 'IncidentOpened', data: facts });
      expect(incidentDecider.decide(command, state).map((event) => event.type)).toEqual(['IncidentTriaged']);
    });

    it('routes an application problem to application support, an exploit to security', () => {
      const team = (category: IncidentOpened['data']['category']) =>
        triageOpenedIncident(opened({ severity: 'high', category }), 'triggered', DEFAULT_TRIAGE_POLICY, at(1))?.data
          .owningTeam;
      expect([team('errors.high_rate'), team('defect.bug'), team('security.exploit')]).toEqual([
        'application-support',
        'application-support',
        'security',
      ]);
    });
  });

  describe('given an incident that is no longer triggered when its IncidentOpened is handled', () => {
    it.each(['triaged', 'acknowledged', 'closed'] as const)('leaves one %s alone', (status) => {
      const facts = opened({ severity: 'urgent', category: 'availability.downtime' });
      expect(triageOpenedIncident(facts, status, DEFAULT_TRIAGE_POLICY, at(1))).toBeNull();
    });
  });

  describe('given an incident opened without a severity', () => {
    it('leaves it for a person', () => {
      expect(triageOpenedIncident(opened({ severity: null }), 'triggered', DEFAULT_TRIAGE_POLICY, at(1))).toBeNull();
    });
  });

  describe('given an incident opened without a category', () => {
    it('leaves it for a person', () => {
      expect(
        triageOpenedIncident(opened({ severity: 'high', category: null }), 'triggered', DEFAULT_TRIAGE_POLICY, at(1)),
      ).toBeNull();
    });
  });

  describe('given a category the policy names no team for', () => {
    it('leaves it for a person', () => {
      const narrow: TriagePolicy = { ruleId: 'narrow', owningTeams: { 'defect.bug': 'application-support' } };
      const facts = opened({ severity: 'high', category: 'availability.downtime' });
      expect(triageOpenedIncident(facts, 'triggered', narrow, at(1))).toBeNull();
    });
  });
});

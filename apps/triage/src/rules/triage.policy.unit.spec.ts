import { fold, incidentDecider, type IncidentEvent } from '@incident/domain';
import { INCIDENT_ID, at, events } from '@incident/domain/testing';
import type { TriageDecision, TriageEvaluation } from './index';
import { keepPersonsClassification, triageCommands } from './triage.policy';

const evaluation = (decision: Partial<Extract<TriageDecision, { kind: 'triage' }>> = {}): TriageEvaluation => ({
  decision: {
    kind: 'triage',
    severity: 'high',
    category: 'errors.high_rate',
    owningTeam: 'app-support',
    disposition: null,
    flags: [],
    customerNotification: null,
    maintenanceWindowId: null,
    drill: false,
    ...decision,
  },
  ruleId: 'application-support',
  ruleSetVersion: 4,
  reasons: ['application problem', 'category is errors.high_rate'],
  ruleResults: [],
});

/** The commands applied in order to an incident just opened: what the decider makes of them. */
const eventsOf = (commands: ReturnType<typeof triageCommands>) => {
  let state = fold(incidentDecider, [events.opened()]);
  const decided: IncidentEvent[] = [];
  for (const command of commands) {
    const next = incidentDecider.decide(command, state);
    decided.push(...next);
    state = next.reduce(incidentDecider.evolve, state);
  }
  return { types: decided.map((event) => event.type), state };
};

describe('triageCommands', () => {
  describe('given a decision without a disposition', () => {
    it('triages, recording the rule, the rule-set version and the reasons', () => {
      expect(triageCommands(INCIDENT_ID, evaluation(), at(1))).toEqual([
        {
          type: 'TriageIncident',
          data: {
            incidentId: INCIDENT_ID,
            severity: 'high',
            category: 'errors.high_rate',
            owningTeam: 'app-support',
            ruleId: 'application-support',
            ruleSetVersion: 4,
            reasons: ['application problem', 'category is errors.high_rate'],
            flags: [],
            triagedAt: at(1),
          },
        },
      ]);
    });
  });

  describe('given no action needed', () => {
    it('triages, then marks it no action with the rule’s reason: the incident accepts both', () => {
      const commands = triageCommands(
        INCIDENT_ID,
        evaluation({ disposition: { kind: 'no_action', reason: 'a workflow under test' } }),
        at(1),
      );
      expect(commands[1]).toMatchObject({
        type: 'MarkIncidentNoAction',
        data: { reason: 'a workflow under test', decidedBy: 'application-support' },
      });
      expect(eventsOf(commands).types).toEqual(['IncidentTriaged', 'IncidentMarkedNoAction']);
    });
  });

  describe('given a return to the customer with a notification', () => {
    const decision = evaluation({
      disposition: { kind: 'return_to_customer', reason: 'no application support', downgradeTo: 'normal' },
      customerNotification: 'Returned: your subscription covers infrastructure only.',
    });

    it('triages, returns it downgraded, then tells the customer why', () => {
      const { types, state } = eventsOf(triageCommands(INCIDENT_ID, decision, at(1)));
      expect(types).toEqual(['IncidentTriaged', 'IncidentReturnedToCustomer', 'CustomerNotified']);
      expect(state).toMatchObject({ status: 'returned_to_customer', severity: 'normal' });
    });
  });

  describe('given a maintenance window', () => {
    it('records the window on the classification', () => {
      const [triage] = triageCommands(INCIDENT_ID, evaluation({ maintenanceWindowId: 'acme-pg-upgrade' }), at(1));
      expect(triage!.data).toMatchObject({ maintenanceWindowId: 'acme-pg-upgrade' });
    });
  });

  describe('given a decision left for a person', () => {
    it('issues nothing', () => {
      const left: TriageEvaluation = { ...evaluation(), decision: { kind: 'leave_for_person', missing: ['severity'] } };
      expect(triageCommands(INCIDENT_ID, left, at(1))).toEqual([]);
    });
  });
});

describe('keepPersonsClassification', () => {
  const classified = {
    incidentId: INCIDENT_ID,
    severity: 'urgent',
    category: 'defect.bug',
    owningTeam: 'sec',
  } as const;

  it('keeps a person’s classification on a reopened incident', () => {
    expect(keepPersonsClassification({ ...classified, triageRuleId: 'manual:alice' }, at(9))).toEqual({
      type: 'TriageIncident',
      data: {
        ...classified,
        ruleId: 'manual:alice',
        reasons: ['reopened: kept the classification of alice'],
        triagedAt: at(9),
      },
    });
  });

  it('leaves a rule’s classification to the rules', () => {
    expect(keepPersonsClassification({ ...classified, triageRuleId: 'default' }, at(9))).toBeNull();
  });
});

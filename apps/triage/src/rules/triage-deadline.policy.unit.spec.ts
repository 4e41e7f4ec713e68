import { fold, incidentDecider, type IncidentEvent } from '@incident/domain';
import { at, events } from '@incident/domain/testing';
import {
  DEFAULT_TRIAGE_DEADLINE_POLICY,
  escalateUntriaged,
  triageDeadline,
  triageDeadlineKey,
} from './triage-deadline.policy';

const opened = events.opened().data;
const stateAfter = (...history: IncidentEvent[]) => fold(incidentDecider, history);

describe('triageDeadline', () => {
  describe('given an incident still triggered', () => {
    it('is due the policy’s minutes after the incident opened, keyed by the incident', () => {
      expect(triageDeadline(opened, 'triggered', DEFAULT_TRIAGE_DEADLINE_POLICY)).toEqual({
        key: `triage-deadline:${opened.incidentId}`,
        dueAt: at(15),
        incidentId: opened.incidentId,
      });
    });
  });

  describe('given an incident already triaged or acknowledged', () => {
    it.each(['triaged', 'acknowledged'] as const)('sets no deadline when %s', (status) => {
      expect(triageDeadline(opened, status, DEFAULT_TRIAGE_DEADLINE_POLICY)).toBeNull();
    });
  });
});

describe('escalateUntriaged', () => {
  describe('given an incident nobody triaged by the deadline', () => {
    const state = stateAfter(events.opened());
    const facts = { incidentId: opened.incidentId, status: state.status, escalationLevel: 1 };

    it('escalates it one level, with the reason', () => {
      expect(escalateUntriaged(facts, DEFAULT_TRIAGE_DEADLINE_POLICY, at(15))).toEqual({
        type: 'EscalateIncident',
        data: {
          incidentId: opened.incidentId,
          reason: 'timeout',
          toLevel: 2,
          note: 'not triaged within 15 minutes',
          escalatedAt: at(15),
        },
      });
    });

    it('issues a command the incident accepts', () => {
      const command = escalateUntriaged(facts, DEFAULT_TRIAGE_DEADLINE_POLICY, at(15))!;
      expect(incidentDecider.decide(command, state).map((event) => event.type)).toEqual(['IncidentEscalated']);
    });
  });

  describe('given an incident triaged before the deadline fired', () => {
    it('does nothing: the reason no longer holds', () => {
      const command = escalateUntriaged(
        { incidentId: opened.incidentId, status: 'triaged', escalationLevel: 1 },
        DEFAULT_TRIAGE_DEADLINE_POLICY,
        at(15),
      );
      expect(command).toBeNull();
      expect(triageDeadlineKey(opened.incidentId)).toBe(`triage-deadline:${opened.incidentId}`);
    });
  });
});

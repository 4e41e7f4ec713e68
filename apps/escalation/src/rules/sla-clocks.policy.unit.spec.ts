import type { SlaTarget } from '@incident/directory';
import { incidentDecider, type IncidentEvent, type IncidentState } from '@incident/domain';
import { at, command, historyIn, INCIDENT_ID } from '@incident/domain/testing';
import { isBreach, slaClocksFor, slaTimerKey } from './sla-clocks.policy';

const fold = (history: readonly IncidentEvent[]): IncidentState =>
  history.reduce(incidentDecider.evolve, incidentDecider.initialState());
const target = (acknowledge: number, resolve: number): SlaTarget => ({
  acknowledgeWithinMinutes: acknowledge,
  resolveWithinMinutes: resolve,
  customerUpdateEveryMinutes: 60,
});
const TARGETS = { critical: target(5, 240), high: target(15, 480), medium: target(60, 1440), low: target(240, 4320) };

describe('SLA clocks', () => {
  it('runs time to acknowledge and to resolve from the targets of the severity (high)', () => {
    expect(slaClocksFor(fold(historyIn('triaged')), TARGETS)).toEqual([
      { sla: 'acknowledgement', targetMinutes: 15 },
      { sla: 'resolution', targetMinutes: 480 },
    ]);
  });

  it('runs no acknowledgement clock for an incident already acknowledged', () => {
    expect(slaClocksFor(fold(historyIn('acknowledged')), TARGETS)).toEqual([{ sla: 'resolution', targetMinutes: 480 }]);
  });

  it('runs none for a drill: drills are kept out of SLA figures', () => {
    expect(slaClocksFor(fold(historyIn('triaged', { drill: true })), TARGETS)).toEqual([]);
  });

  it('starts clocks the decider accepts', () => {
    const state = fold(historyIn('triaged'));
    const start = command('StartSlaClocks', { clocks: slaClocksFor(state, TARGETS), startedAt: at(0) });
    expect(incidentDecider.decide(start, state).map((event) => event.type)).toEqual([
      'SlaClockStarted',
      'SlaClockStarted',
    ]);
  });

  it('keys a clock by incident, cycle and SLA', () => {
    expect(slaTimerKey(INCIDENT_ID, 1, 'resolution')).toBe(`sla:${INCIDENT_ID}:1:resolution`);
  });

  describe('when a clock runs out', () => {
    it('is a breach while its milestone has not come', () => {
      expect(isBreach(fold(historyIn('triaged')), 0, 'acknowledgement')).toBe(true);
    });

    it('is no breach once acknowledged, for acknowledgement only', () => {
      const state = fold(historyIn('acknowledged'));
      expect([isBreach(state, 0, 'acknowledgement'), isBreach(state, 0, 'resolution')]).toEqual([false, true]);
    });

    it('is no breach once the cycle ended, or for an earlier cycle', () => {
      expect(isBreach(fold(historyIn('resolved')), 0, 'resolution')).toBe(false);
      expect(isBreach(fold(historyIn('triaged')), 1, 'resolution')).toBe(false);
    });
  });
});

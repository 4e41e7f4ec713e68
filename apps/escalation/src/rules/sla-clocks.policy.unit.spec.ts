import type { SlaTarget } from '@incident/directory';
import { incidentDecider, type IncidentEvent, type IncidentState } from '@incident/domain';
import { at, command, decided, historyIn, INCIDENT_ID } from '@incident/domain/testing';
import { customerUpdateRestart, isBreach, restartedInTime, slaClocksFor, slaTimerKey } from './sla-clocks.policy';

const fold = (history: readonly IncidentEvent[]): IncidentState =>
  history.reduce(incidentDecider.evolve, incidentDecider.initialState());
const target = (acknowledge: number, resolve: number): SlaTarget => ({
  acknowledgeWithinMinutes: acknowledge,
  resolveWithinMinutes: resolve,
  customerUpdateEveryMinutes: 60,
});
const TARGETS = { critical: target(5, 240), high: target(15, 480), medium: target(60, 1440), low: target(240, 4320) };

describe('SLA clocks', () => {
  it('runs time to acknowledge, to resolve and between customer updates from the targets of the severity (high)', () => {
    expect(slaClocksFor(fold(historyIn('triaged')), TARGETS)).toEqual([
      { sla: 'acknowledgement', targetMinutes: 15 },
      { sla: 'resolution', targetMinutes: 480 },
      { sla: 'customer_update', targetMinutes: 60 },
    ]);
  });

  it('runs no acknowledgement clock for an incident already acknowledged', () => {
    expect(slaClocksFor(fold(historyIn('acknowledged')), TARGETS)).toEqual([
      { sla: 'resolution', targetMinutes: 480 },
      { sla: 'customer_update', targetMinutes: 60 },
    ]);
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
      'SlaClockStarted',
    ]);
  });

  it('keys a clock by incident, cycle and SLA', () => {
    expect(slaTimerKey(INCIDENT_ID, 1, 'resolution')).toBe(`sla:${INCIDENT_ID}:1:resolution`);
  });

  describe('when the customer hears from us', () => {
    const updateClock = (startedAt: string): IncidentEvent => ({
      type: 'SlaClockStarted',
      data: { incidentId: INCIDENT_ID, sla: 'customer_update', targetMinutes: 60, dueAt: at(0), startedAt },
    });
    const notify = (minute: number): IncidentEvent[] => {
      const state = fold(historyIn('triaged'));
      return incidentDecider.decide(command('NotifyCustomer', { notifiedAt: at(minute) }), state);
    };

    it('runs the update clock again from the latest update, with the interval of the severity', () => {
      const state = fold([...historyIn('triaged'), updateClock(at(0)), ...notify(20), ...notify(70)]);
      expect(customerUpdateRestart(state, TARGETS)).toEqual({
        startedAt: at(70),
        clock: { sla: 'customer_update', targetMinutes: 60 },
      });
    });

    it('also after a status update for the customer audience, while mitigated', () => {
      const posted = decided.statusUpdatePosted({ audience: 'customer', postedAt: at(90) });
      const state = fold([...historyIn('mitigated'), updateClock(at(0)), posted]);
      expect(customerUpdateRestart(state, TARGETS)?.startedAt).toBe(at(90));
    });

    it('restarts nothing when the clock is not running: a drill, or a resolved incident', () => {
      const drill = fold([...historyIn('triaged', { drill: true }), ...notify(20)]);
      const resolved = fold([...historyIn('resolved'), updateClock(at(0)), ...notify(20)]);
      expect([customerUpdateRestart(drill, TARGETS), customerUpdateRestart(resolved, TARGETS)]).toEqual([null, null]);
    });

    it('knows a clock told about in time was started again (its timer is being moved), one told late not', () => {
      const state = fold([...historyIn('triaged'), updateClock(at(0)), ...notify(20)]);
      expect([
        restartedInTime(state, at(0), at(60)),
        restartedInTime(state, at(20), at(80)),
        restartedInTime(state, at(-50), at(10)),
      ]).toEqual([true, false, false]);
    });
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

import { fold, incidentDecider, type IncidentEvent } from '@incident/domain';
import { at, events, INCIDENT_ID } from '@incident/domain/testing';
import {
  currentUpdateDue,
  reminderRecipients,
  reminderStillNeeded,
  updateReminderAt,
  updateReminderKey,
} from './update-cadence';

const TEAMS = { teams: [{ id: 'infrastructure', name: 'Infrastructure', members: ['alice', 'bob'] }] };
const run = { incidentId: INCIDENT_ID, cycle: 0, startedAt: at(1), dueAt: at(61) };
const state = (history: IncidentEvent[]) => fold(incidentDecider, history);
const customerUpdate = (minute: number): IncidentEvent =>
  ({
    type: 'StatusUpdatePosted',
    data: { incidentId: INCIDENT_ID, audience: 'customer', message: 'm', postedBy: 'alice', postedAt: at(minute) },
  }) as IncidentEvent;

describe('the communication cadence', () => {
  describe('given an update clock of an hour', () => {
    it('reminds ten minutes before it is due, once per run of the clock', () => {
      expect(updateReminderAt(run).toISOString()).toBe(at(51));
      expect(updateReminderKey(run)).toBe(`customer-update-reminder:${INCIDENT_ID}:0:${Date.parse(at(61))}`);
    });
  });

  describe('given a clock of four minutes', () => {
    it('reminds a quarter of the interval before', () => {
      expect(updateReminderAt({ startedAt: at(1), dueAt: at(5) }).toISOString()).toBe(at(4));
    });
  });

  describe('when the reminder fires', () => {
    it('reminds while the customer has not heard from us since the clock started', () => {
      expect(reminderStillNeeded(state([events.opened(), events.triaged()]), run)).toBe(true);
      expect(reminderStillNeeded(state([events.opened(), events.triaged(), customerUpdate(0)]), run)).toBe(true);
    });

    it('does not once the customer was told, in a drill, or in another response cycle', () => {
      expect(reminderStillNeeded(state([events.opened(), events.triaged(), customerUpdate(30)]), run)).toBe(false);
      expect(reminderStillNeeded(state([events.opened(true), events.triaged()]), run)).toBe(false);
      expect(reminderStillNeeded(state([events.opened(), events.triaged()]), { ...run, cycle: 1 })).toBe(false);
    });
  });

  describe('given the clock moved', () => {
    it('only the reminder for the latest due time counts', () => {
      const started = (due: number): IncidentEvent =>
        ({
          type: 'SlaClockStarted',
          data: {
            incidentId: INCIDENT_ID,
            sla: 'customer_update',
            targetMinutes: 60,
            dueAt: at(due),
            startedAt: at(0),
          },
        }) as IncidentEvent;
      const resolution = { ...started(480), data: { ...started(480).data, sla: 'resolution' } } as IncidentEvent;

      expect(currentUpdateDue([events.opened(), started(61), started(45), resolution])).toBe(at(45));
      expect(currentUpdateDue([events.opened()])).toBeNull();
    });
  });

  describe('who is reminded', () => {
    it('the assignee once someone acknowledged, else the owning team', () => {
      expect(reminderRecipients(state([events.opened(), events.triaged(), events.acknowledged()]), TEAMS)).toEqual([
        'alice',
      ]);
      expect(reminderRecipients(state([events.opened(), events.triaged()]), TEAMS)).toEqual(['alice', 'bob']);
    });
  });
});

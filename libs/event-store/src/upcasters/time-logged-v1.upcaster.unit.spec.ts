import { recordedEvent } from '../testing-support/recorded-event';
import { UpcasterRegistry } from '../upcasting';
import { preApprovedHoursExceededV1Upcaster, timeLoggedV1Upcaster } from './time-logged-v1.upcaster';

const registry = new UpcasterRegistry([timeLoggedV1Upcaster, preApprovedHoursExceededV1Upcaster]);

describe('TimeLogged v1 → v2', () => {
  it('reads as corrective time against no known period', () => {
    const v1 = { incidentId: '1', responderId: 'alice', minutes: 45, totalMinutes: 45, note: null, loggedAt: 't' };
    const upcast = registry.upcast(recordedEvent('TimeLogged', 1, v1));
    expect(upcast.schemaVersion).toBe(2);
    expect(upcast.data).toEqual({ ...v1, kind: 'corrective', period: null });
  });
});

describe('PreApprovedHoursExceeded v1 → v2', () => {
  it('keeps the incident allowance’s figures as budget and used, with no customer, period or reason', () => {
    const v1 = { incidentId: '1', preApprovedMinutes: 60, totalMinutes: 75, exceededAt: 't' };
    const upcast = registry.upcast(recordedEvent('PreApprovedHoursExceeded', 1, v1));
    expect(upcast.schemaVersion).toBe(2);
    expect(upcast.data).toEqual({
      incidentId: '1',
      customerId: null,
      period: null,
      budgetMinutes: 60,
      usedMinutes: 75,
      reason: null,
      exceededAt: 't',
    });
  });
});

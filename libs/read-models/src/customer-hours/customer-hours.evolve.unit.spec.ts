import type { IncidentEvent } from '@incident/domain';
import { type DirectoryTerms, NO_TERMS } from '../directory-terms/directory-terms';
import { event, minute, opened, projected } from '../testing-support/projected';
import { type CustomerHoursState, evolveCustomerHours, hoursKey } from './customer-hours.evolve';

/** acme has 60 pre-approved minutes a month. */
const ACME_HOUR: DirectoryTerms = { ...NO_TERMS, preApprovedMinutes: (id) => (id === 'acme' ? 60 : undefined) };

const logged = (
  minutes: number,
  kind: 'corrective' | 'preventive' | 'investigation',
  options: { period?: string; at?: string } = {},
) =>
  event('TimeLogged', {
    responderId: 'bob',
    kind,
    minutes,
    totalMinutes: minutes,
    period: options.period ?? null,
    note: null,
    loggedAt: options.at ?? minute(10),
  });

function hoursAfter(events: IncidentEvent[], terms: DirectoryTerms = ACME_HOUR) {
  const state: CustomerHoursState = { incidents: new Map(), hours: new Map() };
  events.forEach((next, revision) => evolveCustomerHours(state, projected(next, revision), terms));
  return state.hours;
}

describe('customer hours', () => {
  it('adds each entry to its kind and to the month the domain recorded, against the directory budget', () => {
    const hours = hoursAfter([
      opened(),
      logged(20, 'investigation', { period: '2026-11' }),
      logged(30, 'corrective', { period: '2026-11' }),
    ]);
    expect(hours.get(hoursKey('acme', '2026-11'))).toMatchObject({
      budgetMinutes: 60,
      usedMinutes: 50,
      correctiveMinutes: 30,
      preventiveMinutes: 0,
      investigationMinutes: 20,
      overrunMinutes: 0,
      exceededAt: null,
      entries: 2,
    });
  });

  it('an entry without a period counts towards its own UTC month', () => {
    const hours = hoursAfter([opened(), logged(20, 'preventive', { at: '2026-12-01T00:30:00+02:00' })]);
    expect([...hours.keys()]).toEqual([hoursKey('acme', '2026-11')]);
  });

  it('going over the budget shows the overrun and when it began', () => {
    const over = logged(45, 'corrective', { period: '2026-11', at: minute(30) });
    const hours = hoursAfter([
      opened(),
      logged(40, 'corrective', { period: '2026-11' }),
      over,
      logged(5, 'preventive', { period: '2026-11', at: minute(40) }),
    ]);
    expect(hours.get(hoursKey('acme', '2026-11'))).toMatchObject({
      usedMinutes: 90,
      overrunMinutes: 30,
      exceededAt: new Date(minute(30)),
      lastLoggedAt: new Date(minute(40)),
    });
  });

  it("the budget the domain recorded with an overrun is the period's budget", () => {
    const exceeded = event('PreApprovedHoursExceeded', {
      customerId: 'acme',
      period: '2026-11',
      budgetMinutes: 30,
      usedMinutes: 40,
      reason: 'outage',
      exceededAt: minute(10),
    });
    const hours = hoursAfter([opened(), logged(40, 'corrective', { period: '2026-11' }), exceeded], NO_TERMS);
    expect(hours.get(hoursKey('acme', '2026-11'))).toMatchObject({ budgetMinutes: 30, overrunMinutes: 10 });
  });

  it('without a directory entry for the customer the budget is unknown and nothing is overrun', () => {
    const hours = hoursAfter([opened({ customerId: 'globex' }), logged(500, 'corrective', { period: '2026-11' })]);
    expect(hours.get(hoursKey('globex', '2026-11'))).toMatchObject({
      budgetMinutes: null,
      usedMinutes: 500,
      overrunMinutes: 0,
    });
  });

  it("a drill's time counts against nobody", () => {
    expect(hoursAfter([opened({ drill: true }), logged(20, 'corrective', { period: '2026-11' })]).size).toBe(0);
  });
});
